"""Office formats: Excel answer workbooks in and out (and, later, Word plans).

openpyxl is imported only here and only when a workbook is read or written, so
commands on YAML files never pay for it.
"""
