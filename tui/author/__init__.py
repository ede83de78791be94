"""Writing briefs: `brief new` scaffolds one from a source document.

`rules.py` gives the overview of the rules for reading attributed sentences and re-exports them
from `sentences.py`, `attribution.py`, `names.py`, `dates.py` and `lexicon.py` (each docstring
lists its rules); `scaffold.py` turns them into proposed sources and claims (`proposal.py`),
`brief_text.py` writes the brief's text, and `new.py` decides where it goes in the workspace.
Nothing here imports the UI.
"""
