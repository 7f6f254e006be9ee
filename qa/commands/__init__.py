"""The `pressqa` commands, one module per group; `qa.cli` assembles them into one typer app.

`common` holds what every command shares (options, settings, error handling, consoles);
`indexing` the `pressqa index …` group; `facts` and `search` look into the index; `answers` are
`ask` and `chat`; `evaluation` is `eval` and `train`.
"""
