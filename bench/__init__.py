"""The benchmark behind `make bench`: production server, real load, one table."""
