"""Staff-entered English ↔ Vietnamese term pairs that extend matchcore's shipped glossary."""
