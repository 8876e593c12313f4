#!/usr/bin/env python3
"""Build the exhibition maps' offline base layer: the world's land outlines as GeoJSON.

The maps never fetch tiles by default (the archive must work offline and send no
visitor's address to a tile server); instead ``exhibitions/static/exhibitions/map.js``
draws ``exhibitions/static/exhibitions/land-110m.geojson``, which this script makes
from ``land-110m.json`` (TopoJSON) in the npm package ``world-atlas`` version 2::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python scripts/build_land_geojson.py /tmp/package/land-110m.json

Licence: the outlines are Natural Earth's 1:110m land boundaries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as packaged by world-atlas
(Copyright 2013-2019 Michael Bostock, ISC licence, https://github.com/topojson/world-atlas).
See exhibitions/static/exhibitions/LAND-LICENSE.txt, which ships with the data.

The decoder is the small part of the TopoJSON specification these files use: a
quantized topology (``transform`` with ``scale`` and ``translate``), delta-encoded
arcs, arcs referenced by index (``~i``, i.e. ``-i - 1``, is arc ``i`` reversed), and
Polygon / MultiPolygon geometries, possibly inside a GeometryCollection.
Coordinates are rounded to 2 decimals (about 1 km), which is plenty at 1:110m and
keeps the file small; rings that collapse after rounding are dropped.

The data is spherical: a ring crossing the antimeridian (eastern Russia, Fiji, Wrangel
Island) jumps from 180° to -180°, which a flat map draws as a line across the whole
world. Such rings are made continuous instead (Chukotka ends at about 190°), except a
ring that goes round a pole (Antarctica), whose jump is its edge along the map's bottom.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "exhibitions" / "static" / "exhibitions" / "land-110m.geojson"
PRECISION = 2

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc as absolute [longitude, latitude] positions."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[list[float]]:
    """A closed ring from its arcs, rounded, without repeated points; [] if it collapses."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        points.extend(arc[1:] if points else arc)
    rounded: list[list[float]] = []
    for x, y in points:
        point = [round(x, PRECISION), round(y, PRECISION)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    rounded = unwrap(rounded)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    # A linear ring needs four positions (three distinct corners and the closing one).
    return rounded if len(rounded) >= 4 else []


def unwrap(points: list[list[float]]) -> list[list[float]]:
    """The ring without jumps across the antimeridian, or as it was if it circles a pole."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        return points
    continuous = [points[0]]
    for x, y in points[1:]:
        previous = continuous[-1][0]
        while x - previous > 180:
            x -= 360
        while x - previous < -180:
            x += 360
        continuous.append([round(x, PRECISION), y])
    if abs(continuous[-1][0] - continuous[0][0]) > 180:
        return points  # round a pole: the jump is the ring's edge along the map's border
    # Keep most of the ring in -180..180: only the part across the antimeridian moves.
    inside = sum(-180 <= x <= 180 for x, _ in continuous)
    for shift in (360, -360):
        moved = [[round(x + shift, PRECISION), y] for x, y in continuous]
        if sum(-180 <= x <= 180 for x, _ in moved) > inside:
            return moved
    return continuous


def polygon(rings: list[list[int]], arcs) -> list[list[list[float]]]:
    decoded = [ring(r, arcs) for r in rings]
    if not decoded or not decoded[0]:
        return []  # the outer ring collapsed: drop the polygon with its holes
    return [r for r in decoded if r]


def polygons(geometry: dict, arcs) -> list:
    """The polygons (lists of rings) of a geometry, flattening collections."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        return [p for child in geometry["geometries"] for p in polygons(child, arcs)]
    if kind == "Polygon":
        found = [polygon(geometry["arcs"], arcs)]
    elif kind == "MultiPolygon":
        found = [polygon(rings, arcs) for rings in geometry["arcs"]]
    else:
        raise ValueError(f"Unexpected geometry type {kind!r}: only polygons are expected in land outlines.")
    return [p for p in found if p]


def convert(topology: dict, name: str = "land") -> dict:
    if topology.get("type") != "Topology":
        raise ValueError("Not a TopoJSON topology.")
    arcs = decode_arcs(topology)
    shapes = polygons(topology["objects"][name], arcs)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "source": "Natural Earth 1:110m land (public domain), via world-atlas 2 (ISC)",
                },
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            }
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="land-110m.json from the world-atlas npm package")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--object", default="land", help="the topology object to convert (default: land)")
    args = parser.parse_args()
    geojson = convert(json.loads(args.topojson.read_text(encoding="utf-8")), args.object)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(geojson, separators=(",", ":")) + "\n", encoding="utf-8")
    shapes = geojson["features"][0]["geometry"]["coordinates"]
    points = sum(len(r) for p in shapes for r in p)
    print(f"{args.output}: {len(shapes)} polygons, {points} points, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
