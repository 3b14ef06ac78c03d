"""Organizations (universities, enterprises, government bodies, incubators) and memberships."""
