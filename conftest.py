"""Settings shared by the whole test session (unit tests and nbval alike)."""

import os

# Notebooks run under nbval draw charts as static HTML, exactly as in the book
# build, so that their stored outputs can be compared (see palace_coup.notebook).
os.environ["PALACE_COUP_RENDER"] = "static"
