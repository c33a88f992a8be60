"""The nbgitpuller link for a class on a hub (issue 15, item 4)."""

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from sphinx_book_theme.header_buttons import launch

from palace_coup.classroom import hub

ROOT = Path(__file__).resolve().parents[1]
REPO = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
HUB = "https://hub.example.ac.uk"


def _theme_link(hub_url, page):
    """The link sphinx-book-theme's own JupyterHub button makes for ``page``."""
    pagename, suffix = page.rsplit(".", 1)
    owner, name = urlsplit(REPO["url"]).path.strip("/").split("/")
    app = SimpleNamespace(
        env=SimpleNamespace(
            doc2path=lambda name: ROOT / f"{name}.{suffix}",
            metadata={pagename: {"kernelspec": {"name": "python3"}}},
        ),
        config={
            "html_theme_options": {
                "launch_buttons": {
                    "jupyterhub_url": hub_url,
                    "notebook_interface": "jupyterlab",
                },
                "repository_branch": REPO["branch"],
                "path_to_docs": REPO["path_to_book"],
            }
        },
    )
    context = {
        "pagename": pagename,
        "header_buttons": [],
        "sourcename": f"{page}.txt",
        "page_source_suffix": ".ipynb",
        "github_url": "https://github.com",
        "github_user": owner,
        "github_repo": name,
    }
    launch.add_launch_buttons(app, pagename, "page.html", context, None)
    [menu] = context["header_buttons"]
    [button] = [b for b in menu["buttons"] if b["text"] == "JupyterHub"]
    return button["url"]


NOTEBOOKS = sorted(
    str(p.relative_to(ROOT))
    for p in (ROOT / "book").rglob("*.ipynb")
    if "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("page", [*NOTEBOOKS[:3], "exercises/critique.ipynb"])
def test_the_link_is_the_books_own_button(page):
    assert hub.hub_link(HUB, page, root=ROOT) == _theme_link(HUB, page)


def test_the_link_opens_the_page_of_the_repository():
    link = hub.hub_link(HUB + "/jupyter/", "book/models/weigh-it-yourself", root=ROOT)
    parts = urlsplit(link)
    assert parts.netloc == "hub.example.ac.uk"
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    query = {key: value for key, [value] in parse_qs(parts.query).items()}
    assert query == {
        "repo": REPO["url"],
        "urlpath": "lab/tree/palace-coup-book/book/models/weigh-it-yourself.ipynb",
        "branch": REPO["branch"],
    }
    opened = query["urlpath"].removeprefix("lab/tree/palace-coup-book/")
    assert (ROOT / opened).is_file()


def test_a_markdown_page_with_a_notebook_opens_the_notebook(tmp_path):
    (tmp_path / "_config.yml").write_text("repository:\n  url: https://x.org/a/b\n")
    (tmp_path / "_toc.yml").write_text("root: p\n")
    (tmp_path / "p.md").write_text("# P")
    (tmp_path / "p.ipynb").write_text("{}")
    (tmp_path / "q.md").write_text("# Q")
    assert hub.hub_link(HUB, "p.md", root=tmp_path).endswith("b/p.ipynb&branch=main")
    assert hub.hub_link(HUB, "q", root=tmp_path).endswith("b/q.md&branch=main")


@pytest.mark.parametrize(
    ("kwargs", "error", "argument"),
    [
        ({"hub_url": "hub.example.ac.uk"}, ValueError, "hub_url"),
        ({"hub_url": "javascript:alert(1)"}, ValueError, "hub_url"),
        ({"hub_url": "https://hub.example.ac.uk/?next=x"}, ValueError, "hub_url"),
        ({"hub_url": 'https://hub"onmouseover=x'}, ValueError, "hub_url"),
        ({"hub_url": 42}, TypeError, "hub_url"),
        ({"page": "../secrets.ipynb"}, ValueError, "page"),
        ({"page": "/etc/passwd.md"}, ValueError, "page"),
        ({"page": "book/no-such-page.ipynb"}, ValueError, "page"),
        ({"page": "_config.yml"}, ValueError, "page"),
        ({"page": 3}, TypeError, "page"),
        ({"branch": "two words"}, ValueError, "branch"),
        ({"repository": "file:///srv/book"}, ValueError, "repository"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, argument):
    call = {"hub_url": HUB, "page": "book/intro.md", "root": ROOT, **kwargs}
    with pytest.raises(error, match=argument):
        hub.hub_link(call.pop("hub_url"), call.pop("page"), **call)


def test_outside_a_clone_the_repository_must_be_given(tmp_path):
    with pytest.raises(ValueError, match="repository"):
        hub.hub_link(HUB, "book/intro.md", root=tmp_path)
    link = hub.hub_link(HUB, "book/x.ipynb", repository=REPO["url"], root=tmp_path)
    assert "urlpath=lab/tree/palace-coup-book/book/x.ipynb" in link


def test_the_command_prints_the_link(capsys, monkeypatch):
    monkeypatch.chdir(ROOT / "book")
    assert hub.main([HUB, "book/models/weigh-it-yourself.ipynb"]) == 0
    assert capsys.readouterr().out.strip() == _theme_link(
        HUB, "book/models/weigh-it-yourself.ipynb"
    )
    assert hub.main(["ftp://hub", "book/intro.md"]) == 2
    assert "hub_url" in capsys.readouterr().err
