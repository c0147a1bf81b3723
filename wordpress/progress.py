"""A progress bar for reading a big file, drawn on one terminal line."""


class ProgressReader:
    """Wraps a binary file; each read redraws how much of it has been read."""

    width = 30

    def __init__(self, file, total, write):
        self.file = file
        self.total = max(total, 1)
        self.write = write
        self.done = 0
        self.shown = None

    def read(self, size=-1):
        data = self.file.read(size)
        self.done += len(data)
        percent = min(self.done * 100 // self.total, 100)
        if percent != self.shown:
            self.shown = percent
            filled = self.width * percent // 100
            bar = "#" * filled + "." * (self.width - filled)
            megabytes = self.total / 2**20
            self.write(f"\r[{bar}] {percent:3d}% of {megabytes:.1f} MB")
        if not data:
            self.write("\n")
        return data
