"""The publisher: notebooks in, a static HTML site out (see ``site.build``)."""
