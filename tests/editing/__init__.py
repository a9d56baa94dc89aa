"""Editors at work: the admin, history, recovery, validation, roles, backups, load_dossier."""
