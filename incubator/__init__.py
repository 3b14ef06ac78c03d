"""Triple-helix matchmaking platform for the Binh Duong innovation region."""
