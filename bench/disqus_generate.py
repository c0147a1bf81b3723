"""Generate a large Disqus export to measure import_disqus.

    python bench/disqus_generate.py --comments 100000 --output /tmp/disqus-100k.xml

One thread per post of bench/wxr_generate.py's file (the same /?p=N links,
so import that file first, with --comments 0), posts of --per-post each, a
third of them replies, some spam and deleted, in several scripts with a
little HTML. Posts are listed by id as Disqus lists them, not by thread.
Deterministic, standard library only.
"""

import random

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<category dsq:id="1"><forum>bench</forum><title>General</title>\
<isDefault>true</isDefault></category>
"""
THREAD = """<thread dsq:id="{n}"><id /><forum>bench</forum><category dsq:id="1" />
<link>https://bench.example/?p={n}</link><title>Story {n}</title><message />
<createdAt>2024-03-01T10:00:00Z</createdAt><author><name>Editor</name>\
<isAnonymous>false</isAnonymous><username>editor</username></author>
<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>
"""
POST = """<post dsq:id="{id}"><id /><message><![CDATA[{text}]]></message>
<createdAt>{date}</createdAt><isDeleted>{deleted}</isDeleted><isSpam>{spam}</isSpam>
<author><email>reader{reader}@example.com</email><name>{author}</name>\
<isAnonymous>{anonymous}</isAnonymous>{username}</author>
<ipAddress>198.51.{a}.{b}</ipAddress><thread dsq:id="{thread}" />{parent}</post>
"""
AUTHORS = ["Aigerim", "Ерлан", "Tom &amp; Jerry", "李娜", "Zoë"]
TEXTS = [
    "<p>Blockchain will not fix sanctions.</p><p>It <em>might</em> fix customs.</p>",
    "<p>透明性が大事です。</p>",
    '<p>Interesting, see <a href="https://sco.example">this</a>, then judge.</p>',
    "<p>区块链不是万能的。</p>",
]


def generate(out, comments, per_post, seed=6):
    rng = random.Random(seed)
    out.write(HEADER)
    threads = -(-comments // per_post)
    for n in range(1, threads + 1):
        out.write(THREAD.format(n=n))
    for number in range(1, comments + 1):
        thread = (number - 1) // per_post + 1
        first = (thread - 1) * per_post + 1
        reply = number > first and rng.random() < 1 / 3
        anonymous = rng.random() < 0.5
        out.write(
            POST.format(
                id=number,
                text=rng.choice(TEXTS),
                date=f"2024-03-{rng.randrange(1, 29):02d}T"
                f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
                deleted=str(rng.random() < 0.03).lower(),
                spam=str(rng.random() < 0.05).lower(),
                reader=rng.randrange(5000),
                author=rng.choice(AUTHORS),
                anonymous=str(anonymous).lower(),
                username=""
                if anonymous
                else f"<username>u{rng.randrange(5000)}</username>",
                a=rng.randrange(256),
                b=rng.randrange(256),
                thread=thread,
                parent=f'<parent dsq:id="{rng.randrange(first, number)}" />'
                if reply
                else "",
            )
        )
    out.write("</disqus>\n")


if __name__ == "__main__":
    import wxr_generate  # the folder of a script run by its path is importable

    wxr_generate.main(generate, __doc__, "/tmp/disqus-100k.xml")
