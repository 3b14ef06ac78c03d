"""Enterprise technology challenges and university research capabilities."""
