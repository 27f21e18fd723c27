"""The top floor: the three ways people reach tiplex (the `tiplex` command, the HTTP API and the
web app), all three over one service layer (`interfaces.service`) so none repeats another's logic.

Only this package imports `flows` and the stages together for people; nothing below imports it.
"""
