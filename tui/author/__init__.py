"""Writing briefs: `brief new` scaffolds one from a source document.

`rules.py` holds every rule for reading attributed sentences (its docstring lists them),
`scaffold.py` turns them into proposed sources and claims and writes the brief's text, and
`new.py` decides where it goes in the workspace. Nothing here imports the UI.
"""
