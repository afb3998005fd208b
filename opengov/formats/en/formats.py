# English moments as the platform writes them: "Dec. 2, 2026, 03:08". Django's default time ("3:08 a.m.") ends
# in a full stop, which doubled at the end of a sentence ("Generated on Dec. 2, 2026, 3:08 a.m.."). Dates keep
# Django's English format; Spanish and French keep Django's formats, which end in a digit.
DATETIME_FORMAT = "N j, Y, H:i"
TIME_FORMAT = "H:i"
