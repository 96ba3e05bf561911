"""One router per concern; ``app.py`` mounts them, all but ``health`` behind API keys."""
