"""Demo data for the Binh Duong innovation region, loaded by `flask seed-demo`."""
