"""The teaching site: static HTML, CSS and a little JavaScript, from the model alone.

`site_pages` lists every file of the site with what it reads, and renders a file only when asked,
so a build can skip the pages whose inputs did not change. Pages link to each other by relative
paths and load nothing from another host: the site works from file://, offline, and the same
corpus always gives the same bytes.

Input names a page may list, in the order it shows them (a build hashes each one):
`map:<id>` one voice's map; `claim:<map>/<claim>` one claim (text, quotes, relations);
`stance:<map>/<thesis>` one stance; `head:<id>` a voice without its claims and stances (name,
authors, default source); `thesis:<id>` one thesis; `source:<id>` one source; `voices` every
voice's id and display name (`voices:linked`, past LISTED_VOICES, only that there are too many
to list); `theses` every thesis id; `positions` what the tables show (every
voice's name and stances, the text of the claims they give, theses, sources); `sides` what the matrix shows (every voice's name and
the side it takes on each thesis, the thesis ids, sources); `cited` the sources each voice's quotes
come from; `counts` how many claims each voice makes; `corpus`
everything in the corpus; `diagram:<id>` the SVG (or the
note shown instead) for a voice (all its parts when it is drawn in parts), `diagram:thesis_<id>`
a thesis's, `diagram:overview_all` the home page's; `downloads` the list of extra files the home
page links to.
Static files list no inputs: they change only with argmap itself.
"""

from argmap.render.site._picture import PictureSummary, picture_summary
from argmap.render.site._plan import (
    ASSETS,
    NO_DIAGRAM,
    Page,
    asset,
    diagrams_by_voice,
    site_pages,
    voice_diagrams,
)

__all__ = ["ASSETS", "NO_DIAGRAM", "Page", "PictureSummary", "asset", "diagrams_by_voice",
           "picture_summary", "site_pages", "voice_diagrams"]
