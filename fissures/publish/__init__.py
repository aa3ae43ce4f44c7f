"""The publisher: notebooks in, a static HTML site out (see ``site.build``)."""

import sys

# nbformat imports jsonschema, which imports rfc3987_syntax (installed with JupyterLab's
# jupyter-events) only to check "iri" formats, which no notebook schema uses; building that
# package's grammar costs about 1.8 s per process. Marking it absent makes jsonschema skip the
# check, so the publisher and each of its workers start in a fraction of that time.
sys.modules.setdefault("rfc3987_syntax", None)
