"""Layout: measure text with the theme's font files and plan what goes where, before anything is drawn.

Pure: no reportlab, no python-pptx. Planners return their plan and their warnings.
"""
