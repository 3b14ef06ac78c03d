"""Incubation programs, applications and rubric reviews."""
