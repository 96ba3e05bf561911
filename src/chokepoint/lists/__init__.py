"""Getting the publishers' files in: loading list folders (``loader.py``) and fetching them
from the publishers (``download.py``). Each format's parser is a source of ``sources/``."""
