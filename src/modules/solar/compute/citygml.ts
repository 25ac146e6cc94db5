import type { SaxesTagNS } from 'saxes';
import { SaxesParser } from 'saxes';

/**
 * Streaming CityGML 1.0/2.0 LoD2 building reader. Holds at most one building (plus one input
 * chunk) in memory and yields buildings as their end tag is read.
 *
 * Geometry is read from the thematic boundary surfaces (`bldg:boundedBy/…/bldg:lod2MultiSurface`)
 * only; `bldg:lod2Solid` merely references those polygons by xlink, so reading it too would count
 * every surface twice. Coordinates stay in the file's CRS (EPSG:25832 for NRW).
 */

export interface CityPolygon {
  id: string | null;
  /** x,y,z triplets, open ring (the closing vertex is removed). */
  exterior: Float64Array;
  interiors: Float64Array[];
}

export type BoundaryKind = 'RoofSurface' | 'WallSurface' | 'GroundSurface' | 'ClosureSurface' | 'OuterCeilingSurface' | 'OuterFloorSurface';

export interface BoundarySurface {
  id: string | null;
  kind: BoundaryKind;
  polygons: CityPolygon[];
}

export interface CityAddress {
  street: string | null;
  number: string | null;
  postcode: string | null;
  town: string | null;
}

export interface BuildingPart {
  id: string;
  function: string | null;
  roofType: string | null;
  /** Metres. */
  measuredHeight: number | null;
  addresses: CityAddress[];
  roofSurfaces: BoundarySurface[];
  wallSurfaces: BoundarySurface[];
  groundSurfaces: BoundarySurface[];
  /** Closure, outer ceiling and outer floor surfaces. */
  otherSurfaces: BoundarySurface[];
  /** Generic attributes (gen:*Attribute), name → value. */
  attributes: Record<string, string>;
  /** `gml:surfaceMember xlink:href` references inside boundary surfaces; they are not resolved. */
  unresolvedXlinks: number;
}

export interface CityBuilding extends BuildingPart {
  /** All BuildingParts, nested ones included, in document order. */
  parts: BuildingPart[];
  /** Line of the Building start tag. */
  line: number;
}

/** A building that could not be read; it is skipped and reading continues. */
export interface BuildingIssue {
  buildingId: string | null;
  /** Qualified name of the offending element, e.g. `gml:posList`. */
  element: string;
  line: number;
  message: string;
}

/** Not well-formed XML: reading stops. */
export class CityGmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`CityGML line ${line}, column ${column}: ${message}`);
    this.name = 'CityGmlSyntaxError';
  }
}

/**
 * Limits against a hostile or broken file: elements nested deeper than any CityGML needs, and a
 * text node (or anything else between two tags) longer than any real coordinate list. Both stop
 * reading before the parser holds the text in memory.
 */
export const MAX_ELEMENT_DEPTH = 256;
export const MAX_TEXT_CHARS = 4 * 1024 * 1024;
/** Text is handed to the parser in slices this long, so the cap holds to within one slice. */
const SLICE_CHARS = 64 * 1024;

export interface ReadCityGmlOptions {
  onIssue: (issue: BuildingIssue) => void;
}

const NAMESPACES: Record<string, string> = {
  'http://www.opengis.net/citygml/building/1.0': 'bldg',
  'http://www.opengis.net/citygml/building/2.0': 'bldg',
  'http://www.opengis.net/citygml/1.0': 'core',
  'http://www.opengis.net/citygml/2.0': 'core',
  'http://www.opengis.net/citygml/generics/1.0': 'gen',
  'http://www.opengis.net/citygml/generics/2.0': 'gen',
  'http://www.opengis.net/gml': 'gml',
  'urn:oasis:names:tc:ciq:xsdschema:xAL:2.0': 'xAL',
};
const GML_NS = 'http://www.opengis.net/gml';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

const SURFACE_KINDS = new Set<string>([
  'RoofSurface',
  'WallSurface',
  'GroundSurface',
  'ClosureSurface',
  'OuterCeilingSurface',
  'OuterFloorSurface',
]);
const POLYGON_ELEMENTS = new Set(['gml:Polygon', 'gml:Triangle', 'gml:Rectangle']);
const COORDINATE_ELEMENTS = new Set(['gml:posList', 'gml:pos', 'gml:coordinates']);
const GENERIC_ATTRIBUTES = new Set([
  'gen:stringAttribute',
  'gen:intAttribute',
  'gen:doubleAttribute',
  'gen:dateAttribute',
  'gen:uriAttribute',
  'gen:measureAttribute',
]);
const ADDRESS_FIELDS: Record<string, keyof CityAddress> = {
  'xAL:ThoroughfareName': 'street',
  'xAL:ThoroughfareNumber': 'number',
  'xAL:PostalCodeNumber': 'postcode',
  'xAL:LocalityName': 'town',
};

function qualifiedName(tag: SaxesTagNS): string {
  const prefix = NAMESPACES[tag.uri];
  return prefix === undefined ? `{${tag.uri}}${tag.local}` : `${prefix}:${tag.local}`;
}

function attribute(tag: SaxesTagNS, uri: string, local: string): string | undefined {
  for (const key in tag.attributes) {
    const a = tag.attributes[key]!;
    if (a.local === local && a.uri === uri) return a.value;
  }
  return undefined;
}

/** A building part with nothing read yet: the parser and the database reader fill it. */
export function emptyBuildingPart(id: string): BuildingPart {
  return {
    id,
    function: null,
    roofType: null,
    measuredHeight: null,
    addresses: [],
    roofSurfaces: [],
    wallSurfaces: [],
    groundSurfaces: [],
    otherSurfaces: [],
    attributes: {},
    unresolvedXlinks: 0,
  };
}

/** Thrown inside the reader to abandon the current building; never escapes it. */
class BrokenBuilding extends Error {
  constructor(
    readonly element: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface Capture {
  depth: number;
  line: number;
  element: string;
  texts: string[];
  dimension: number;
}

/** The push parser: feed text, collect finished buildings. */
class CityGmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly names: string[] = [];
  private readonly done: CityBuilding[] = [];

  private building: CityBuilding | null = null;
  private buildingDepth = -1;
  private owners: { part: BuildingPart; depth: number }[] = [];
  private issue: BuildingIssue | null = null;
  private surface: { data: BoundarySurface; depth: number } | null = null;
  private lod2Depth = -1;
  private polygon: { id: string | null; exterior: Float64Array | null; interiors: Float64Array[]; depth: number; line: number } | null =
    null;
  private ringRole: 'exterior' | 'interior' | null = null;
  private ring: number[] | null = null;
  private ringDepth = -1;
  private ringLine = 0;
  private address: { data: CityAddress; depth: number } | null = null;
  private genericName: { name: string; depth: number } | null = null;
  private capture: Capture | null = null;
  /** Characters written since the last tag the parser reported. */
  private sinceTag = 0;
  private tagSeen = false;

  constructor(private readonly onIssue: (issue: BuildingIssue) => void) {
    this.parser.on('error', (err) => {
      throw new CityGmlSyntaxError(err.message.replace(/^\d+:\d+: /, ''), this.parser.line, this.parser.column);
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.capture?.texts.push(text));
    this.parser.on('cdata', (text) => this.capture?.texts.push(text));
  }

  write(text: string): void {
    for (let at = 0; at < text.length; at += SLICE_CHARS) {
      const slice = text.slice(at, at + SLICE_CHARS);
      this.tagSeen = false;
      this.parser.write(slice);
      // After a tag in this slice, what follows it is at most one slice long.
      this.sinceTag = this.tagSeen ? 0 : this.sinceTag + slice.length;
      if (this.sinceTag > MAX_TEXT_CHARS) throw this.syntaxError(`text longer than ${MAX_TEXT_CHARS} characters between two tags`);
    }
  }

  end(): void {
    this.parser.close();
  }

  /** Where the parser stands (after the text written so far). */
  syntaxError(message: string): CityGmlSyntaxError {
    return new CityGmlSyntaxError(message, this.parser.line, this.parser.column);
  }

  take(): CityBuilding[] {
    return this.done.splice(0, this.done.length);
  }

  private fail(element: string, message: string, line = this.parser.line): never {
    throw new BrokenBuilding(element, line, message);
  }

  private guarded(fn: () => void): void {
    if (this.issue !== null) return;
    try {
      fn();
    } catch (err) {
      if (!(err instanceof BrokenBuilding)) throw err;
      this.issue = { buildingId: this.building?.id || null, element: err.element, line: err.line, message: err.message };
      this.capture = null;
    }
  }

  private open(tag: SaxesTagNS): void {
    this.tagSeen = true;
    const name = qualifiedName(tag);
    const depth = this.names.length;
    if (depth >= MAX_ELEMENT_DEPTH) throw this.syntaxError(`elements nested deeper than ${MAX_ELEMENT_DEPTH} levels`);
    this.names.push(name);
    if (this.building === null) {
      if (name === 'bldg:Building') this.startBuilding(tag, depth);
      return;
    }
    this.guarded(() => this.openInBuilding(tag, name, depth));
  }

  private startBuilding(tag: SaxesTagNS, depth: number): void {
    const id = attribute(tag, GML_NS, 'id') ?? '';
    this.building = { ...emptyBuildingPart(id), parts: [], line: this.parser.line };
    this.buildingDepth = depth;
    this.owners = [{ part: this.building, depth }];
    this.issue = null;
    if (id === '') this.guarded(() => this.fail('bldg:Building', 'missing gml:id'));
  }

  private openInBuilding(tag: SaxesTagNS, name: string, depth: number): void {
    const parent = this.names[depth - 1];
    const owner = this.owners[this.owners.length - 1]!;
    const ownerChild = depth === owner.depth + 1;

    if (this.capture !== null) this.fail(name, `unexpected element inside ${this.capture.element}`);

    if (name === 'bldg:BuildingPart' && parent === 'bldg:consistsOfBuildingPart') {
      const id = attribute(tag, GML_NS, 'id');
      if (id === undefined || id === '') this.fail(name, 'BuildingPart without gml:id');
      this.owners.push({ part: emptyBuildingPart(id), depth });
      return;
    }
    if (ownerChild && (name === 'bldg:function' || name === 'bldg:roofType' || name === 'bldg:measuredHeight')) {
      this.startCapture(name, depth, 1);
      return;
    }
    if (ownerChild && GENERIC_ATTRIBUTES.has(name)) {
      this.genericName = { name: attribute(tag, '', 'name') ?? '', depth };
      return;
    }
    if (this.genericName !== null && name === 'gen:value' && depth === this.genericName.depth + 1) {
      this.startCapture(name, depth, 1);
      return;
    }
    if (ownerChild && name === 'bldg:address') {
      this.address = { data: { street: null, number: null, postcode: null, town: null }, depth };
      return;
    }
    if (this.address !== null && name in ADDRESS_FIELDS) {
      this.startCapture(name, depth, 1);
      return;
    }
    if (this.surface === null) {
      if (depth === owner.depth + 2 && parent === 'bldg:boundedBy' && name.startsWith('bldg:') && SURFACE_KINDS.has(name.slice(5))) {
        const kind = name.slice(5) as BoundaryKind;
        this.surface = { data: { id: attribute(tag, GML_NS, 'id') ?? null, kind, polygons: [] }, depth };
      }
      return;
    }
    if (name === 'bldg:lod2MultiSurface') {
      this.lod2Depth = depth;
      return;
    }
    if (this.lod2Depth < 0) return;
    if (name === 'gml:surfaceMember' && attribute(tag, XLINK_NS, 'href') !== undefined) {
      owner.part.unresolvedXlinks++;
      return;
    }
    if (POLYGON_ELEMENTS.has(name)) {
      if (this.polygon !== null) this.fail(name, 'polygon nested in a polygon');
      this.polygon = { id: attribute(tag, GML_NS, 'id') ?? null, exterior: null, interiors: [], depth, line: this.parser.line };
      return;
    }
    if (this.polygon === null) return;
    if (name === 'gml:exterior' || name === 'gml:outerBoundaryIs') this.ringRole = 'exterior';
    else if (name === 'gml:interior' || name === 'gml:innerBoundaryIs') this.ringRole = 'interior';
    else if (name === 'gml:LinearRing') {
      if (this.ringRole === null) this.fail(name, 'LinearRing outside gml:exterior/gml:interior');
      this.ring = [];
      this.ringDepth = depth;
      this.ringLine = this.parser.line;
    } else if (COORDINATE_ELEMENTS.has(name) && this.ring !== null) {
      const dimensionText = attribute(tag, '', 'srsDimension');
      const dimension = dimensionText === undefined ? 3 : Number(dimensionText);
      if (dimension !== 3) this.fail(name, `srsDimension ${dimensionText}: LoD2 roofs need 3D coordinates`);
      this.startCapture(name, depth, dimension);
    }
  }

  private startCapture(element: string, depth: number, dimension: number): void {
    this.capture = { depth, line: this.parser.line, element, texts: [], dimension };
  }

  private close(): void {
    this.tagSeen = true;
    this.names.pop();
    const depth = this.names.length;
    if (this.building === null) return;
    if (depth === this.buildingDepth) {
      this.finishBuilding();
      return;
    }
    this.guarded(() => this.closeInBuilding(depth));
  }

  private closeInBuilding(depth: number): void {
    const owner = this.owners[this.owners.length - 1]!;
    if (this.capture !== null && this.capture.depth === depth) {
      const capture = this.capture;
      this.capture = null;
      this.finishCapture(capture, owner.part);
      return;
    }
    if (this.ring !== null && depth === this.ringDepth) {
      this.finishRing();
      return;
    }
    if (this.polygon !== null && depth === this.polygon.depth) {
      const p = this.polygon;
      this.polygon = null;
      this.ringRole = null;
      if (p.exterior === null) this.fail('gml:Polygon', 'polygon without exterior ring', p.line);
      this.surface!.data.polygons.push({ id: p.id, exterior: p.exterior, interiors: p.interiors });
      return;
    }
    if (depth === this.lod2Depth) {
      this.lod2Depth = -1;
      return;
    }
    if (this.surface !== null && depth === this.surface.depth) {
      const s = this.surface.data;
      this.surface = null;
      const list =
        s.kind === 'RoofSurface'
          ? owner.part.roofSurfaces
          : s.kind === 'WallSurface'
            ? owner.part.wallSurfaces
            : s.kind === 'GroundSurface'
              ? owner.part.groundSurfaces
              : owner.part.otherSurfaces;
      list.push(s);
      return;
    }
    if (this.address !== null && depth === this.address.depth) {
      owner.part.addresses.push(this.address.data);
      this.address = null;
      return;
    }
    if (this.genericName !== null && depth === this.genericName.depth) {
      this.genericName = null;
      return;
    }
    if (this.owners.length > 1 && depth === owner.depth) {
      this.owners.pop();
      this.building!.parts.push(owner.part);
    }
  }

  private finishCapture(capture: Capture, part: BuildingPart): void {
    const text = capture.texts.join('').trim();
    switch (capture.element) {
      case 'bldg:function':
        part.function ??= text;
        return;
      case 'bldg:roofType':
        part.roofType ??= text;
        return;
      case 'bldg:measuredHeight': {
        const value = Number(text);
        if (text === '' || !Number.isFinite(value))
          this.fail(capture.element, `measuredHeight is not a number: ${JSON.stringify(text)}`, capture.line);
        part.measuredHeight = value;
        return;
      }
      case 'gen:value':
        if (this.genericName !== null && this.genericName.name !== '') part.attributes[this.genericName.name] = text;
        return;
      case 'gml:posList':
      case 'gml:pos':
      case 'gml:coordinates':
        this.appendCoordinates(capture, text);
        return;
      default: {
        const field = ADDRESS_FIELDS[capture.element];
        if (field !== undefined && this.address !== null) this.address.data[field] ??= text;
      }
    }
  }

  private appendCoordinates(capture: Capture, text: string): void {
    const tokens = capture.element === 'gml:coordinates' ? text.split(/[\s,]+/) : text.split(/\s+/);
    const ring = this.ring!;
    const start = ring.length;
    for (const token of tokens) {
      if (token === '') continue;
      const value = Number(token);
      if (!Number.isFinite(value)) this.fail(capture.element, `not a coordinate: ${JSON.stringify(token.slice(0, 40))}`, capture.line);
      ring.push(value);
    }
    if ((ring.length - start) % capture.dimension !== 0) {
      this.fail(capture.element, `${ring.length - start} values do not form ${capture.dimension}D positions`, capture.line);
    }
  }

  private finishRing(): void {
    const values = this.ring!;
    this.ring = null;
    let n = values.length / 3;
    if (n > 1 && values[0] === values[3 * n - 3] && values[1] === values[3 * n - 2] && values[2] === values[3 * n - 1]) n--;
    if (n < 3) this.fail('gml:LinearRing', `ring with ${n} distinct vertices`, this.ringLine);
    const ring = Float64Array.from(values.slice(0, 3 * n));
    if (this.ringRole === 'exterior') {
      if (this.polygon!.exterior !== null) this.fail('gml:LinearRing', 'second exterior ring', this.ringLine);
      this.polygon!.exterior = ring;
    } else {
      this.polygon!.interiors.push(ring);
    }
  }

  private finishBuilding(): void {
    const building = this.building!;
    if (this.issue !== null) {
      this.onIssue(this.issue);
    } else if (this.owners.length !== 1 || this.polygon !== null || this.surface !== null) {
      this.onIssue({
        buildingId: building.id,
        element: 'bldg:Building',
        line: building.line,
        message: 'building ended inside an unfinished element',
      });
    } else {
      this.done.push(building);
    }
    this.building = null;
    this.buildingDepth = -1;
    this.owners = [];
    this.issue = null;
    this.surface = null;
    this.lod2Depth = -1;
    this.polygon = null;
    this.ringRole = null;
    this.ring = null;
    this.address = null;
    this.genericName = null;
    this.capture = null;
  }
}

export type CityGmlSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Reads buildings from a CityGML document delivered in chunks (a Node readable stream, or any
 * iterable of strings/bytes), one building at a time. Broken buildings are passed to `onIssue`
 * and skipped; malformed XML throws `CityGmlSyntaxError`.
 */
export async function* readCityGml(source: CityGmlSource, options: ReadCityGmlOptions): AsyncGenerator<CityBuilding, void, undefined> {
  const reader = new CityGmlReader(options.onIssue);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw reader.syntaxError('invalid UTF-8');
    }
  };
  for await (const chunk of source) {
    reader.write(typeof chunk === 'string' ? chunk : decode(chunk));
    yield* reader.take();
  }
  const rest = decode();
  if (rest !== '') reader.write(rest);
  reader.end();
  yield* reader.take();
}

/** Every part's surfaces of one kind, the building's own first. */
export function surfacesOf(
  building: CityBuilding,
  kind: 'roofSurfaces' | 'wallSurfaces' | 'groundSurfaces' | 'otherSurfaces',
): BoundarySurface[] {
  return [building, ...building.parts].flatMap((p) => p[kind]);
}

/** Addresses of the building and all its parts. */
export function addressesOf(building: CityBuilding): CityAddress[] {
  return [building, ...building.parts].flatMap((p) => p.addresses);
}
