"""The portal: the home page, "My work" and the demo data command, which gather what the apps below contribute."""
