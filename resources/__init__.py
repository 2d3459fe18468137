"""Fonts, icons, sounds, translations, label templates and demo data seeds."""
