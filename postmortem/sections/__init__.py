"""The sections of a postmortem document, one module per stage; ``postmortem.model`` puts
them together as ``Postmortem`` and is where callers import them from."""
