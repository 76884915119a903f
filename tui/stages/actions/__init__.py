"""Stage 5, action items: the table, the board, the form."""
