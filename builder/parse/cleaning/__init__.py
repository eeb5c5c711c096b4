"""Stage 2, clean: the line-level cleaning pipeline.

`build_cleaner()` returns the stages in a `Registry`, highest priority first:

| Stage              | Name                | Priority |
|--------------------|---------------------|----------|
| ConverterMarkup    | converter_markup    | 100      |
| StrayMarks         | stray_marks         | 95       |
| PageStarts         | page_starts         | 90       |
| PageFurniture      | page_furniture      | 85       |
| MongolianScript    | mongolian_script    | 80       |
| RunningHeaders     | running_headers     | 70       |
| VerticalBanners    | vertical_banners    | 65       |
| BackCover          | back_cover          | 60       |
| RepeatedTableHeaders | repeated_table_headers | 55    |

Front matter (cover, masthead, editorial board) and the 目录 are recognised by position, once
the documents are found: see builder.parse.segment. Wrap spaces inside Chinese text are removed per
document body line (builder.parse.blocks), after the 目录 and titles have been read with their spacing.
"""

from builder.parse.cleaning.lines import CleaningContext, SourceLine, live_lines
from builder.parse.cleaning.pages import PageFurniture
from builder.parse.cleaning.registry import Registry
from builder.parse.cleaning.stages import (
    BackCover,
    ConverterMarkup,
    MongolianScript,
    PageStarts,
    RepeatedTableHeaders,
    RunningHeaders,
    StrayMarks,
    VerticalBanners,
)


def build_cleaner() -> Registry:
    registry = Registry()
    registry.register(ConverterMarkup(), 100)
    registry.register(StrayMarks(), 95)
    registry.register(PageStarts(), 90)
    registry.register(PageFurniture(), 85)
    registry.register(MongolianScript(), 80)
    registry.register(RunningHeaders(), 70)
    registry.register(VerticalBanners(), 65)
    registry.register(BackCover(), 60)
    registry.register(RepeatedTableHeaders(), 55)
    return registry


def source_lines(raw_lines: list[str]) -> list[SourceLine]:
    return [SourceLine(no=index + 1, raw=text, text=text) for index, text in enumerate(raw_lines)]


__all__ = ["CleaningContext", "Registry", "SourceLine", "build_cleaner", "live_lines", "source_lines"]
