#!/usr/bin/env python
"""A Django project of its own that installs the comments app from its wheel
(tests/test_host_project.py builds it, installs it and runs this project's
tests): what a site owner's project looks like with Newsroom's comments."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
