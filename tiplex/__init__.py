"""tiplex: research evidence on trafficking-in-persons justice in the ASEAN member states.

The ground floor that everything shares: settings, the shared records, the thesaurus, input
checks and the bundled demo mirror with its static server. It imports nothing else of the project;
the stage packages (`crawlers`, `nlp`, `index`) depend on it and never on each other, and the
interfaces (`interfaces/`) sit on top of them all.
"""

__version__ = "0.1.0"
