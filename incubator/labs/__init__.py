"""University labs (FabLab, TechLab, Lab 4.0, workshops) and their bookings."""
