//! Corpus tests over the openCypher TCK feature files.
