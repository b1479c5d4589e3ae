"""python -m eligibility evaluate PROFILE.json"""
import sys

from .cli import main

sys.exit(main())
