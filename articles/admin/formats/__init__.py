"""Date and time formats of the admin (issue 13): 24-hour times, as the reader site shows them.

Django's own formats for British English write "6:22 p.m."; FORMAT_MODULE_PATH points here.
Times are in the newsroom's zone (TIME_ZONE), the admin's current time zone.
"""
