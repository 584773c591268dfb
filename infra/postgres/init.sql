-- One database per service (compose only: `make up` creates them itself).
-- Runs once, when the postgres container initialises an empty volume.
CREATE DATABASE pioneer_org;
CREATE DATABASE pioneer_personnel;
CREATE DATABASE pioneer_cases;
CREATE DATABASE pioneer_volunteers;
