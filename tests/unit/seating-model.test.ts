import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addSeat,
  adjacency,
  applyTemplate,
  deriveView,
  MAX_SEATS,
  moveSeat,
  placeParticipant,
  placementsOf,
  removeSeat,
  repairSeating,
  repairPlan,
  ROOM,
  roomOf,
  SEAT_RADIUS,
  seatingHints,
  seatsOf,
  setDoor,
  setSeatKind,
  templateLayout,
  toggleObserverRing,
  unplace,
  type Attendee,
  type SeatingView,
} from "~/components/seating/seating-model";

const JESS: Attendee = { id: "cjess000000000000000000001", name: "Jess", role: "PERSON_HARMED", supportsId: null };
const CAROL: Attendee = { id: "ccarol00000000000000000002", name: "Carol", role: "SUPPORTER", supportsId: JESS.id };
const DAN: Attendee = { id: "cdan0000000000000000000003", name: "Dan", role: "PERSON_RESPONSIBLE", supportsId: null };
const RAY: Attendee = { id: "cray0000000000000000000004", name: "Ray", role: "SUPPORTER", supportsId: DAN.id };
const PEOPLE = [JESS, CAROL, DAN, RAY];
const IDS = PEOPLE.map((p) => p.id);

function planDoc(template: "circle" | "table" | "rows" = "circle", people = 6) {
  const doc = new Y.Doc();
  applyTemplate(doc, template, people, "gen1");
  return doc;
}
const view = (doc: Y.Doc) => deriveView(doc, PEOPLE);
const chairs = (v: SeatingView) => v.seats.filter((s) => s.kind === "chair");

/** Exchanges both docs' missing updates, both ways, like two tablets reconnecting. */
function sync(a: Y.Doc, b: Y.Doc) {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua);
  Y.applyUpdate(a, ub);
}
function fork(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Nobody is lost and nobody shares a chair: each attendee is on exactly one seat or in the tray. */
function expectSound(v: SeatingView) {
  const seated = [...v.seatOf.keys()];
  const inTray = v.tray.map((p) => p.id);
  expect([...seated, ...inTray].sort()).toEqual([...IDS].sort());
  expect(new Set(v.seatOf.values()).size).toBe(seated.length);
  for (const [pid, seatId] of v.seatOf) expect(v.occupantOf.get(seatId)).toBe(pid);
}

describe("templates", () => {
  it.each(["circle", "table", "rows"] as const)("%s: one seat per person incl. two facilitators, inside the room, none overlapping", (name) => {
    for (const people of [4, 6, 9, 14]) {
      const layout = templateLayout(name, people);
      expect(layout.seats).toHaveLength(people);
      expect(layout.seats.filter((s) => s.kind === "facilitator")).toHaveLength(2);
      for (const s of layout.seats) {
        expect(s.x).toBeGreaterThanOrEqual(SEAT_RADIUS);
        expect(s.x).toBeLessThanOrEqual(ROOM.width - SEAT_RADIUS);
        expect(s.y).toBeGreaterThanOrEqual(SEAT_RADIUS);
        expect(s.y).toBeLessThanOrEqual(ROOM.height - SEAT_RADIUS);
      }
      for (const a of layout.seats) for (const b of layout.seats) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * SEAT_RADIUS);
    }
  });

  it("applying a template replaces the plan and sends everyone to the tray; empty leaves no seats", () => {
    const doc = planDoc();
    placeParticipant(doc, PEOPLE, JESS.id, chairs(view(doc))[0]!.id);
    applyTemplate(doc, "table", 6, "gen2");
    const v = view(doc);
    expect(v.template).toBe("table");
    expect(v.table).not.toBeNull();
    expect(v.seats).toHaveLength(6);
    expect(v.tray).toHaveLength(4);
    applyTemplate(doc, "empty", 6, "gen3");
    expect(view(doc)).toMatchObject({ seats: [], door: null, template: null });
  });
});

describe("adjacency", () => {
  it("in a circle each seat has exactly its two neighbours", () => {
    const doc = planDoc("circle", 8);
    const near = adjacency(view(doc).seats);
    for (const set of near.values()) expect(set.size).toBe(2);
  });

  it("at a table, people across the table are not next to each other", () => {
    const v = view(planDoc("table", 6));
    const near = adjacency(v.seats);
    const top = v.seats.filter((s) => s.kind === "chair" && s.y < ROOM.height / 2);
    const bottom = v.seats.filter((s) => s.kind === "chair" && s.y > ROOM.height / 2);
    expect(near.get(top[0]!.id)!.has(top[1]!.id)).toBe(true);
    for (const t of top) for (const b of bottom) expect(near.get(t.id)!.has(b.id)).toBe(false);
  });
});

describe("editing the plan", () => {
  it("places, swaps on an occupied seat, and sends back to the tray", () => {
    const doc = planDoc();
    const [s1, s2] = chairs(view(doc));
    expect(placeParticipant(doc, PEOPLE, JESS.id, s1!.id)).toBe(true);
    expect(placeParticipant(doc, PEOPLE, DAN.id, s2!.id)).toBe(true);
    placeParticipant(doc, PEOPLE, DAN.id, s1!.id); // swap
    expect(view(doc).seatOf.get(DAN.id)).toBe(s1!.id);
    expect(view(doc).seatOf.get(JESS.id)).toBe(s2!.id);
    placeParticipant(doc, PEOPLE, CAROL.id, s1!.id); // from the tray: Dan goes to the tray
    expect(view(doc).tray.map((p) => p.id)).toEqual([DAN.id, RAY.id]);
    unplace(doc, CAROL.id);
    expect(view(doc).seatOf.has(CAROL.id)).toBe(false);
    expectSound(view(doc));
  });

  it("refuses facilitators' seats and unknown people; marking a seat for a facilitator frees it", () => {
    const doc = planDoc();
    const v = view(doc);
    const facilitator = v.seats.find((s) => s.kind === "facilitator")!;
    expect(placeParticipant(doc, PEOPLE, JESS.id, facilitator.id)).toBe(false);
    expect(placeParticipant(doc, PEOPLE, "cstranger0000000000000000", chairs(v)[0]!.id)).toBe(false);
    placeParticipant(doc, PEOPLE, JESS.id, chairs(v)[0]!.id);
    setSeatKind(doc, chairs(v)[0]!.id, "facilitator");
    expect(view(doc).tray.map((p) => p.id)).toContain(JESS.id);
  });

  it("adds, moves (clamped into the room) and removes seats; removing sends the sitter to the tray", () => {
    const doc = planDoc();
    const id = addSeat(doc, { x: 500, y: 350 })!;
    expect(view(doc).seats.find((s) => s.id === id)).toMatchObject({ n: 7, kind: "chair" });
    moveSeat(doc, id, { x: -50, y: 9999 });
    expect(view(doc).seats.find((s) => s.id === id)).toMatchObject({ x: SEAT_RADIUS, y: ROOM.height - SEAT_RADIUS });
    placeParticipant(doc, PEOPLE, RAY.id, id);
    removeSeat(doc, id);
    expect(view(doc).tray.map((p) => p.id)).toContain(RAY.id);
    expect(placementsOf(doc).has(RAY.id)).toBe(false);
  });

  it("the observer circle adds four observer seats outside and removes them again", () => {
    const doc = planDoc();
    toggleObserverRing(doc, PEOPLE);
    const v = view(doc);
    expect(v.observerRing).toBeGreaterThan(0);
    expect(v.seats.filter((s) => s.kind === "observer")).toHaveLength(4);
    toggleObserverRing(doc, PEOPLE);
    expect(view(doc).seats.filter((s) => s.kind === "observer")).toHaveLength(0);
    expect(view(doc).observerRing).toBeNull();
  });

  it("never holds more than MAX_SEATS seats", () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_SEATS + 5; i++) addSeat(doc, { x: 100 + (i % 20) * 40, y: 100 + Math.floor(i / 20) * 40 });
    expect(view(doc).seats).toHaveLength(MAX_SEATS);
    expect(addSeat(doc, { x: 1, y: 1 })).toBeNull();
  });
});

describe("untrusted document content", () => {
  it("ignores entries of the wrong shape, clamps coordinates and caps the seat count", () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const seats = seatsOf(doc);
      seats.set("ok", { x: 5000, y: -20, kind: "throne", n: 1 });
      seats.set("nan", { x: Number.NaN, y: 10 });
      seats.set("text", "not a seat");
      seats.set("array", [1, 2]);
      seats.set("ytype", new Y.Map());
      seats.set("x".repeat(65), { x: 10, y: 10 });
      for (let i = 0; i < 300; i++) seats.set(`bulk${String(i).padStart(3, "0")}`, { x: i, y: i, n: 2 });
      roomOf(doc).set("door", { x: "left" });
      roomOf(doc).set("observerRing", "big");
      roomOf(doc).set("template", "<script>");
      placementsOf(doc).set(JESS.id, 42);
      placementsOf(doc).set(DAN.id, "no-such-seat");
      placementsOf(doc).set(CAROL.id, "ok");
    });
    const v = view(doc);
    expect(v.seats).toHaveLength(MAX_SEATS);
    expect(v.seats[0]).toMatchObject({ id: "ok", x: ROOM.width - SEAT_RADIUS, y: SEAT_RADIUS, kind: "chair" });
    expect(v.seats.map((s) => s.id)).not.toContain("nan");
    expect(v).toMatchObject({ door: null, observerRing: null, template: null });
    expect(v.seatOf.get(CAROL.id)).toBe("ok");
    expectSound(v);
    expect(repairSeating(doc, IDS)).toBeGreaterThan(0);
    expect(repairPlan(doc, IDS)).toEqual({ seats: [], placements: [] });
    expect(placementsOf(doc).has(JESS.id)).toBe(false);
  });
});

describe("two tablets editing at once (updates merged both ways)", () => {
  it("two people put on one chair at once: one keeps it, the other waits in the tray, on both tablets", () => {
    const a = planDoc();
    const b = fork(a);
    const seat = chairs(view(a))[0]!.id;
    placeParticipant(a, PEOPLE, DAN.id, seat);
    placeParticipant(b, PEOPLE, JESS.id, seat);
    sync(a, b);
    for (const doc of [a, b]) {
      const v = view(doc);
      expectSound(v);
      expect(v.occupantOf.get(seat)).toBe(DAN.id < JESS.id ? DAN.id : JESS.id);
      expect(v.conflicts).toHaveLength(1);
    }
    // Both tablets repair at once; the data converges to the view, and repairing again changes nothing.
    expect(repairSeating(a, IDS)).toBe(1);
    expect(repairSeating(b, IDS)).toBe(1);
    sync(a, b);
    expect(repairSeating(a, IDS)).toBe(0);
    expect([...placementsOf(a).entries()]).toEqual([...placementsOf(b).entries()]);
    expect(view(a).conflicts).toEqual([]);
    expectSound(view(a));
  });

  it("one person dragged to two seats at once ends on exactly one", () => {
    const a = planDoc();
    const b = fork(a);
    const [s1, s2] = chairs(view(a));
    placeParticipant(a, PEOPLE, CAROL.id, s1!.id);
    placeParticipant(b, PEOPLE, CAROL.id, s2!.id);
    sync(a, b);
    expect(view(a).seatOf.get(CAROL.id)).toBe(view(b).seatOf.get(CAROL.id));
    expectSound(view(a));
  });

  it("a seat removed while someone is put on it: they fall back to the tray", () => {
    const a = planDoc();
    const b = fork(a);
    const seat = chairs(view(a))[1]!.id;
    removeSeat(a, seat);
    placeParticipant(b, PEOPLE, RAY.id, seat);
    sync(a, b);
    expect(view(b).tray.map((p) => p.id)).toContain(RAY.id);
    expectSound(view(b));
    repairSeating(b, IDS);
    sync(a, b);
    expect(placementsOf(a).has(RAY.id)).toBe(false);
  });

  it("two templates picked at once: one layout wins everywhere, the other's seats are repaired away", () => {
    const a = planDoc();
    const b = fork(a);
    applyTemplate(a, "table", 6, "genA");
    applyTemplate(b, "rows", 8, "genB");
    sync(a, b);
    expect(view(a).seats.map((s) => s.id)).toEqual(view(b).seats.map((s) => s.id));
    expect([6, 8]).toContain(view(a).seats.length);
    repairSeating(a, IDS);
    expect(seatsOf(a).size).toBe(view(a).seats.length);
  });

  it("random concurrent edits on two tablets always merge into a sound, identical plan", () => {
    type Op = { t: "place"; p: number; s: number } | { t: "unplace"; p: number } | { t: "remove"; s: number } | { t: "add"; x: number } | { t: "kind"; s: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constant("place" as const), p: fc.integer({ min: 0, max: 3 }), s: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ t: fc.constant("unplace" as const), p: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ t: fc.constant("remove" as const), s: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ t: fc.constant("add" as const), x: fc.integer({ min: -100, max: 1100 }) }),
      fc.record({ t: fc.constant("kind" as const), s: fc.integer({ min: 0, max: 7 }) }),
    );
    const run = (doc: Y.Doc, o: Op) => {
      const seats = view(doc).seats;
      const seat = "s" in o ? seats[o.s % Math.max(1, seats.length)] : undefined;
      if (o.t === "place" && seat) placeParticipant(doc, PEOPLE, IDS[o.p]!, seat.id);
      if (o.t === "unplace") unplace(doc, IDS[o.p]!);
      if (o.t === "remove" && seat) removeSeat(doc, seat.id);
      if (o.t === "add") addSeat(doc, { x: o.x, y: 300 });
      if (o.t === "kind" && seat) setSeatKind(doc, seat.id, seat.kind === "chair" ? "observer" : "chair");
    };
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 2, maxLength: 2 }), ([opsA, opsB]) => {
        const a = planDoc("circle", 8);
        const b = fork(a);
        opsA!.forEach((o) => run(a, o));
        opsB!.forEach((o) => run(b, o));
        sync(a, b);
        const [va, vb] = [view(a), view(b)];
        expectSound(va);
        expect([...va.seatOf.entries()].sort()).toEqual([...vb.seatOf.entries()].sort());
        repairSeating(a, IDS);
        repairSeating(b, IDS);
        sync(a, b);
        expect(repairPlan(a, IDS)).toEqual({ seats: [], placements: [] });
        expect([...view(a).seatOf.entries()].sort()).toEqual([...va.seatOf.entries()].sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe("safety hints", () => {
  /** A circle of 6: seats 1 and 4 are the facilitators; chairs at positions 2,3,5,6. */
  function seated(order: Record<string, Attendee>) {
    const doc = planDoc("circle", 6);
    const v = view(doc);
    for (const [n, p] of Object.entries(order)) placeParticipant(doc, PEOPLE, p.id, v.seats.find((s) => s.n === Number(n))!.id);
    return doc;
  }

  it("warns when the person harmed sits next to the person responsible, and a supporter is away from their person", () => {
    const doc = seated({ 2: JESS, 3: DAN, 5: CAROL, 6: RAY });
    const texts = seatingHints(view(doc), PEOPLE, { harmedNearDoor: false }).map((h) => h.text);
    expect(texts).toContain("Jess (person harmed) sits next to Dan (person responsible).");
    expect(texts).toContain("Carol is not beside Jess, the person they support.");
    expect(texts).toContain("Ray is not beside Dan, the person they support.");
  });

  it("says nothing for a safe plan", () => {
    const doc = seated({ 2: CAROL, 3: JESS, 5: DAN, 6: RAY });
    expect(seatingHints(view(doc), PEOPLE, { harmedNearDoor: false })).toEqual([]);
  });

  it("asks for the person harmed nearest the door only when the risk assessment does", () => {
    const doc = seated({ 2: CAROL, 3: JESS, 5: DAN, 6: RAY });
    const jessSeat = view(doc).seats.find((s) => s.n === 3)!;
    setDoor(doc, { x: 1000, y: 20 }); // the top right: seat 2 (Carol) is closer than Jess
    expect(seatingHints(view(doc), PEOPLE, { harmedNearDoor: false })).toEqual([]);
    const hints = seatingHints(view(doc), PEOPLE, { harmedNearDoor: true }).map((h) => h.text);
    expect(hints).toEqual(["The risk assessment asks for Jess (person harmed) to sit nearest the door; Carol is closer."]);
    setDoor(doc, { x: jessSeat.x + 40, y: jessSeat.y });
    expect(seatingHints(view(doc), PEOPLE, { harmedNearDoor: true })).toEqual([]);
    setDoor(doc, null);
    expect(seatingHints(view(doc), PEOPLE, { harmedNearDoor: true })[0]!.id).toBe("door:missing");
  });
});
