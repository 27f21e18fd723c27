"""tiplex: research evidence on trafficking-in-persons justice in the ASEAN member states.

The application shell: settings, the shared records and the command line. The stage packages
(`crawlers`, `nlp`, `index`) depend on this package only, never on each other.
"""

__version__ = "0.1.0"
