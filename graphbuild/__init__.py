"""graphbuild: knowledge graphs of parties, organisations, people, places and events from Persian texts.

The pipeline, one module (or package) per stage:
read → normalise (with tokenise) → extract → resolve → assemble → export.
:func:`graphbuild.pipeline.build` runs it all; the command line is a thin layer over it.
"""

__version__ = "0.1.0"
