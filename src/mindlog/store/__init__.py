"""The files: the journal's device files, the small files beside it, keys and sealing, settings,
where everything lives, and locks. Nothing here prints or asks the person anything.
"""
