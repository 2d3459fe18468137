"""Qt widgets, dialogs and screens. Views call operations in app/; they never touch the database."""
