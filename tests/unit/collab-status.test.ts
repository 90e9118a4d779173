import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeStatus, SaveTracker } from "~/realtime/collab-status";
import { COLLAB_OUTDATED_REASON } from "~/realtime/protocol";

/** 14:02 in London on a summer day (BST, UTC+1) and on a winter day (GMT). */
const SUMMER_1402 = new Date("2026-07-14T13:02:30Z");
const WINTER_1402 = new Date("2026-12-08T14:02:00Z");
const minutesLater = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describe("saved status", () => {
  it("counts local changes until the server confirms a state vector that covers them", () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc.clientID);
    const text = doc.getText("t");
    const clock = () => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
    text.insert(0, "abc");
    tracker.localChange(clock(), WINTER_1402);
    const confirmedAfterFirst = Y.encodeStateVector(doc);
    text.insert(3, "def");
    tracker.localChange(clock(), minutesLater(WINTER_1402, 5));
    expect(tracker.unsaved).toBe(2);
    expect(tracker.unsavedSince).toEqual(WINTER_1402);
    tracker.confirmed(confirmedAfterFirst);
    expect(tracker.unsaved).toBe(1);
    // The oldest change still waiting is now the second one.
    expect(tracker.unsavedSince).toEqual(minutesLater(WINTER_1402, 5));
    tracker.confirmed(Y.encodeStateVector(doc));
    expect(tracker.unsaved).toBe(0);
    expect(tracker.unsavedSince).toBeNull();
  });

  it("keeps the time of the first change when the same clock is reported again", () => {
    const tracker = new SaveTracker(1);
    tracker.localChange(3, WINTER_1402);
    tracker.localChange(3, minutesLater(WINTER_1402, 9));
    expect(tracker.unsaved).toBe(1);
    expect(tracker.unsavedSince).toEqual(WINTER_1402);
  });

  it("ignores confirmations about other clients", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const tracker = new SaveTracker(mine.clientID);
    mine.getText("t").insert(0, "x");
    tracker.localChange(1, WINTER_1402);
    theirs.getText("t").insert(0, "lots of text");
    tracker.confirmed(Y.encodeStateVector(theirs));
    expect(tracker.unsaved).toBe(1);
    expect(tracker.unsavedSince).toEqual(WINTER_1402);
  });

  it("says Saved only when connected with nothing pending", () => {
    expect(describeStatus("connected", 0, false).label).toBe("Saved");
    expect(describeStatus("connected", 2, false, WINTER_1402).label).toBe("Saving…");
    expect(describeStatus("connected", 0, true).label).toBe("Live · read only");
    expect(describeStatus("connecting", 0, false).label).toBe("Connecting…");
    expect(describeStatus("disconnected", 0, false).label).toBe("Offline");
    expect(describeStatus("ended", 0, false).label).toBe("Access ended");
  });

  it("without a connection, says changes are kept on this tablet and not yet sent, since when (London time)", () => {
    expect(describeStatus("disconnected", 62, false, WINTER_1402).label).toBe("Offline — changes kept on this tablet, not yet sent (since 14:02)");
    expect(describeStatus("disconnected", 1, false, SUMMER_1402).label).toBe("Offline — changes kept on this tablet, not yet sent (since 14:02)");
    expect(describeStatus("connecting", 3, false, WINTER_1402).label).toBe("Connecting — changes kept on this tablet, not yet sent (since 14:02)");
    expect(describeStatus("ended", 3, false, new Date("2026-12-08T09:05:00Z")).label).toBe("Access ended — changes kept on this tablet, not yet sent (since 09:05)");
    // Just after midnight reads 00:xx, not 24:xx.
    expect(describeStatus("disconnected", 1, false, new Date("2026-12-08T00:07:00Z")).label).toContain("(since 00:07)");
  });

  it("says what the server said when it ended the connection for a reason the person can act on", () => {
    const reason = COLLAB_OUTDATED_REASON;
    expect(describeStatus("ended", 0, false, null, reason).label).toBe(reason);
    expect(describeStatus("ended", 3, false, WINTER_1402, reason).label).toBe(reason);
    expect(describeStatus("ended", 0, true, null, reason).label).toBe(reason);
    // A reason is only for an ended connection; otherwise the badge says what it always says.
    expect(describeStatus("connected", 0, false, null, reason).label).toBe("Saved");
  });

  it("keeps the count and the time in the status for other readers", () => {
    const status = describeStatus("disconnected", 62, false, WINTER_1402);
    expect(status).toMatchObject({ connection: "disconnected", unsaved: 62, unsavedSince: WINTER_1402.toISOString(), readOnly: false });
    expect(status.label).not.toMatch(/62/);
    expect(describeStatus("connected", 0, false, WINTER_1402).unsavedSince).toBeNull();
  });
});
