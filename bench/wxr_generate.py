"""Generate a large WordPress export (WXR 1.2) to measure import_wxr.

    python bench/wxr_generate.py --comments 100000 --output /tmp/wxr-100k.xml

Posts of --per-post comments each: a third of them replies, statuses mixed
like a real site's (mostly approved, some pending, spam and trash), text in
several scripts with a little HTML. Deterministic, standard library only.
"""

import argparse
import random
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Benchmark Times</title>
\t<link>https://bench.example</link>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://bench.example</wp:base_site_url>
\t<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""
POST = """\t<item>
\t\t<title><![CDATA[Story {n}: caravans &amp; blockchains]]></title>
\t\t<link>https://bench.example/?p={n}</link>
\t\t<content:encoded><![CDATA[{content}]]></content:encoded>
\t\t<wp:post_id>{n}</wp:post_id>
\t\t<wp:post_date><![CDATA[2024-03-01 10:00:00]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[2024-03-01 10:00:00]]></wp:post_date_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:post_name><![CDATA[story-{n}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
"""
COMMENT = """\t\t<wp:comment>
\t\t\t<wp:comment_id>{id}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[reader{reader}@example.com]]></wp:comment_author_email>
\t\t\t<wp:comment_author_url>https://reader{reader}.example</wp:comment_author_url>
\t\t\t<wp:comment_author_IP><![CDATA[198.51.{a}.{b}]]></wp:comment_author_IP>
\t\t\t<wp:comment_date><![CDATA[{date}]]></wp:comment_date>
\t\t\t<wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>
\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
"""
AUTHORS = ["Aigerim", "Ерлан", "Tom &amp; Jerry", "李娜", "Zoë"]
TEXTS = [
    "Blockchain will not fix sanctions.\n\nIt <em>might</em> fix customs paperwork.",
    "透明性が大事です。",
    'Interesting &amp; well argued, see <a href="https://sco.example">this</a>.',
    "区块链不是万能的。",
]
STATUSES = ["1"] * 7 + ["0", "spam", "trash"]


def generate(out, comments, per_post, seed=6):
    rng = random.Random(seed)
    out.write(HEADER)
    posts = -(-comments // per_post)
    next_id = 1
    for n in range(1, posts + 1):
        content = escape(f"<p>Paragraph one of story {n}.</p>\n\nParagraph two.")
        out.write(POST.format(n=n, content=content))
        first = next_id
        for _ in range(min(per_post, comments - next_id + 1)):
            replies_to = rng.randrange(first, next_id) if next_id > first else 0
            out.write(
                COMMENT.format(
                    id=next_id,
                    author=rng.choice(AUTHORS),
                    reader=rng.randrange(5000),
                    a=rng.randrange(256),
                    b=rng.randrange(256),
                    date=f"2024-03-{rng.randrange(1, 29):02d} "
                    f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00",
                    text=rng.choice(TEXTS),
                    approved=rng.choice(STATUSES),
                    parent=replies_to if rng.random() < 1 / 3 else 0,
                )
            )
            next_id += 1
        out.write("\t</item>\n")
    out.write("</channel>\n</rss>\n")


def main(generate=generate, description=__doc__, output="/tmp/wxr-100k.xml"):
    """The command line of both generators (this one and disqus_generate.py)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--per-post", type=int, default=100)
    parser.add_argument("--output", default=output)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as out:
        generate(out, args.comments, args.per_post)
    print(f"Wrote {args.comments} comments to {args.output}.")


if __name__ == "__main__":
    main()
