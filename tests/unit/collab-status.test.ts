import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeStatus, SaveTracker } from "~/realtime/collab-status";

describe("saved status", () => {
  it("counts local changes until the server confirms a state vector that covers them", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc.clientID);
    const text = doc.getText("t");
    const clock = () => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
    text.insert(0, "abc");
    tracker.localChange(clock());
    const confirmedAfterFirst = Y.encodeStateVector(doc);
    text.insert(3, "def");
    tracker.localChange(clock());
    expect(tracker.unsaved).toBe(2);
    tracker.confirmed(confirmedAfterFirst);
    expect(tracker.unsaved).toBe(1);
    tracker.confirmed(Y.encodeStateVector(doc));
    expect(tracker.unsaved).toBe(0);
  });

  it("ignores confirmations about other clients", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const tracker = new SaveTracker(mine.clientID);
    mine.getText("t").insert(0, "x");
    tracker.localChange(1);
    theirs.getText("t").insert(0, "lots of text");
    tracker.confirmed(Y.encodeStateVector(theirs));
    expect(tracker.unsaved).toBe(1);
  });

  it("says Saved only when connected with nothing pending, and counts offline changes", () => {
    expect(describeStatus("connected", 0, false).label).toBe("Saved");
    expect(describeStatus("connected", 2, false).label).toBe("Saving…");
    expect(describeStatus("disconnected", 3, false).label).toBe("Offline — 3 changes not yet saved");
    expect(describeStatus("disconnected", 1, false).label).toBe("Offline — 1 change not yet saved");
    expect(describeStatus("connecting", 0, false).label).toBe("Connecting…");
    expect(describeStatus("connected", 0, true).label).toBe("Live · read only");
    expect(describeStatus("ended", 0, false).label).toBe("Access ended");
  });
});
