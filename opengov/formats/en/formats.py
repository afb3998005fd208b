# English dates as the platform writes them everywhere: "2 December 2026" and "2 December 2026, 03:08".
# Django's default ("Dec. 2, 2026, 3:08 a.m.") ends in a full stop, which doubled at the end of a sentence
# ("Generated on ... 3:08 a.m.."). Spanish and French keep Django's formats, which end in a digit.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
