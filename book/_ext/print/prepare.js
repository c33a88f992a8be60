// Run by book/_ext/print_pdf.py in the printable page before each print.
({edition, only, title, subtitle, online}) => {
  // The page is loaded once; each edition and chapter starts from its body.
  window.pcOriginal = window.pcOriginal || document.body.innerHTML;
  document.body.innerHTML = window.pcOriginal;
  const article = document.querySelector("article.bd-article") || document.body;
  if (edition === "student") {
    document.querySelectorAll(".pc-lecturer-only").forEach((e) => e.remove());
  }
  if (only) {
    const chapter = document.getElementById("pc-doc:" + only);
    chapter.style.breakBefore = "auto";  // a handout opens on its first page
    article.replaceChildren(chapter);
  }
  // Links into pages this edition leaves out go to the online book instead.
  document.querySelectorAll('a[href^="#"]').forEach((a) => {
    const target = decodeURIComponent(a.getAttribute("href").slice(1));
    const chapter = target.startsWith("document-");
    const id = chapter ? "pc-doc:" + target.slice("document-".length) : target;
    if (target && document.getElementById(id)) return;
    if (chapter) {
      a.href = online + target.slice("document-".length) + ".html";
    } else {
      a.replaceWith(...a.childNodes);
    }
  });
  // On paper a link's address must be readable: print it after the text.
  document.querySelectorAll('a[href^="http"]').forEach((a) => {
    const bare = (s) => s.replace(/^https?:\/\//, "").replace(/\/$/, "");
    if (bare(a.textContent.trim()) !== bare(a.href)) a.classList.add("pc-show-url");
  });
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const chapters = [];
  const toc = document.createElement("nav");
  toc.className = "pc-toc";
  toc.innerHTML = "<h1>Contents</h1><ol></ol>";
  document.querySelectorAll(".pc-part, .pc-doc").forEach((node) => {
    const item = document.createElement("li");
    if (node.classList.contains("pc-part")) {
      item.className = "pc-toc-part";
      item.textContent = node.textContent.trim();
    } else {
      const heading = node.querySelector("h1, h2, h3");
      if (!heading) return;
      const name = heading.textContent.replace(/[#¶]\s*$/, "").trim();
      chapters.push({id: node.id.slice("pc-doc:".length), title: name});
      item.innerHTML =
        '<span class="pc-toc-title"></span><span class="pc-toc-page"></span>';
      item.firstChild.textContent = name;
    }
    toc.lastChild.append(item);
  });
  if (!only) {
    const cover = document.createElement("section");
    cover.className = "pc-cover";
    cover.innerHTML = "<h1></h1><p class='pc-subtitle'></p><p class='pc-online'></p>";
    cover.children[0].textContent = title;
    cover.children[1].textContent = subtitle;
    cover.children[2].textContent =
      "The online book, with every chart and exercise live: " + online;
    article.prepend(cover, toc);
  }
  return chapters;
}
