"""Reader pages: one function view per URL."""
