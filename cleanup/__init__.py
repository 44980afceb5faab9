"""cleanup: a rule engine for text cleanup and translation-quality checks of English corpora."""

__version__ = "0.1.0"
