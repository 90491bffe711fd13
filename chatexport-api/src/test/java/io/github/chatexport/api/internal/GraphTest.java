package io.github.chatexport.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.github.chatexport.api.Author;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Warning.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The rules of chatexport-testdata's FIXTURES.md for the tree, checked on hand-built mappings. */
class GraphTest {

  // ---------------------------------------------------------------- shapes

  @Test
  void readsALinearChainAsOneBranch() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1, "b").msg("b", "a", 2, "c").msg("c", "b", 3);
    Conversation c = t.conversation("c");

    assertThat(ids(c.activeBranch())).containsExactly("r", "a", "b", "c");
    assertThat(c.branches()).hasSize(1);
    assertThat(ids(c.branches().get(0))).containsExactly("r", "a", "b", "c");
    assertThat(c.hasBranches()).isFalse();
    assertThat(c.activeBranch().messages()).extracting(Message::id).containsExactly("a", "b", "c");
    assertThat(t.graph().issues("c")).isEmpty();
  }

  @Test
  void anEditedPromptStartsASecondBranchAndCurrentNodePicksIt() {
    Tree t =
        new Tree()
            .root("r", "u1", "u2")
            .msg("u1", "r", 10, "a1")
            .msg("a1", "u1", 11)
            .msg("u2", "r", 20, "a2")
            .msg("a2", "u2", 21);
    Conversation c = t.conversation("a2");

    assertThat(ids(c.activeBranch())).containsExactly("r", "u2", "a2");
    assertThat(c.branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "u1", "a1"), List.of("r", "u2", "a2"));
    assertThat(c.children("r")).extracting(MessageNode::id).containsExactly("u1", "u2");
    assertThat(c.hasBranches()).isTrue();
    assertThat(t.graph().issues("a2")).isEmpty();
  }

  @Test
  void aRegeneratedAnswerIsASiblingAndTheActiveBranchMayEndAtTheOlderOne() {
    Tree t =
        new Tree()
            .root("r", "u")
            .msg("u", "r", 10, "a1", "a2")
            .msg("a1", "u", 11)
            .msg("a2", "u", 12);
    Conversation c = t.conversation("a1");

    assertThat(ids(c.activeBranch())).containsExactly("r", "u", "a1");
    assertThat(c.branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "u", "a1"), List.of("r", "u", "a2"));
  }

  @Test
  void theActiveBranchEndsAtCurrentNodeEvenWhenItIsNotALeaf() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1, "b").msg("b", "a", 2);

    assertThat(ids(t.graph().branchTo("a"))).containsExactly("r", "a");
  }

  @Test
  void aNodeWithoutMessageInTheMiddleStaysInThePathButNotInMessages() {
    Tree t =
        new Tree().root("r", "a").msg("a", "r", 1, "mid").none("mid", "a", "b").msg("b", "mid", 3);
    Conversation c = t.conversation("b");

    assertThat(ids(c.activeBranch())).containsExactly("r", "a", "mid", "b");
    assertThat(c.activeBranch().messages()).extracting(Message::id).containsExactly("a", "b");
    assertThat(c.messages()).extracting(Message::id).containsExactly("a", "b");
    assertThat(t.graph().issues("b")).isEmpty();
  }

  @Test
  void anEmptyMappingHasAnEmptyActiveBranchAndNoBranches() {
    Conversation c = new Tree().conversation(null);
    Graph g = Graph.of(Map.of());

    assertThat(c.activeBranch().nodes()).isEmpty();
    assertThat(c.activeBranch().isEmpty()).isTrue();
    assertThat(c.activeBranch().leaf()).isEmpty();
    assertThat(c.branches()).isEmpty();
    assertThat(c.hasBranches()).isFalse();
    assertThat(c.children("x")).isEmpty();
    assertThat(g.leafCount()).isZero();
    assertThat(g.issues(null))
        .extracting(Graph.Issue::kind)
        .containsExactly(Kind.CURRENT_NODE_MISSING);
    assertThat(g.issues("x"))
        .extracting(Graph.Issue::kind)
        .containsExactly(Kind.CURRENT_NODE_UNKNOWN);
  }

  @Test
  void aSingleNodeIsItsOwnBranch() {
    Tree t = new Tree().root("r");

    assertThat(t.conversation(null).branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r"));
    assertThat(ids(t.graph().branchTo(null))).containsExactly("r");
  }

  @Test
  void childrenOfAnUnknownNodeAreEmpty() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1);

    assertThat(t.conversation("a").children("nope")).isEmpty();
    assertThat(t.conversation("a").children("a")).isEmpty();
  }

  @Test
  void theGraphOfAConversationIsAnalyzedOnce() {
    Conversation c = new Tree().root("r", "a").msg("a", "r", 1).conversation("a");

    assertThat(Graph.of(c.nodes())).isSameAs(Graph.of(c.nodes()));
    assertThat(c.withTitle("x").nodes()).isSameAs(c.nodes());
  }

  // ---------------------------------------------------------------- children order

  @Test
  void listedChildrenComeFirstInListedOrderEvenAgainstCreateTime() {
    Tree t = new Tree().root("p", "late", "early").msg("early", "p", 1).msg("late", "p", 9);

    assertThat(t.conversation(null).children("p"))
        .extracting(MessageNode::id)
        .containsExactly("late", "early");
  }

  @Test
  void unlistedChildrenFollowTheListedOnesByCreateTimeThenId() {
    Tree t =
        new Tree()
            .root("p", "listed")
            .msg("listed", "p", 50)
            .msg("t5-b", "p", 5)
            .msg("t5-a", "p", 5)
            .msg("t1", "p", 1)
            .none("no-message", "p")
            .nullTime("null-time", "p");

    assertThat(t.conversation(null).children("p"))
        .extracting(MessageNode::id)
        .containsExactly("listed", "no-message", "null-time", "t1", "t5-a", "t5-b");
    assertThat(t.graph().issues("listed"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(tuple(Kind.CHILDREN_MISMATCH, "p"));
  }

  @Test
  void idsAreComparedAsStringsNotAsNumbers() {
    Tree t =
        new Tree()
            .unlistedRoot("p")
            .unlisted("10", "p", 1)
            .unlisted("9", "p", 1)
            .unlisted("Z", "p", 1)
            .unlisted("a", "p", 1);

    assertThat(t.conversation(null).children("p"))
        .extracting(MessageNode::id)
        .containsExactly("10", "9", "Z", "a");
  }

  @Test
  void subSecondCreateTimesOrderChildren() {
    Tree t = new Tree().unlistedRoot("p");
    t.put(
        new MessageNode(
            "b", message("b", Instant.ofEpochSecond(100, 2)), "p", List.of(), absentChildren()));
    t.put(
        new MessageNode(
            "a", message("a", Instant.ofEpochSecond(100, 3)), "p", List.of(), absentChildren()));

    assertThat(t.conversation(null).children("p"))
        .extracting(MessageNode::id)
        .containsExactly("b", "a");
  }

  @Test
  void withoutChildrenFieldsChildrenAreOrderedByTimeAndNothingIsReported() {
    Tree t =
        new Tree()
            .unlistedRoot("r")
            .unlisted("u", "r", 1)
            .unlisted("a2", "u", 3)
            .unlisted("a1", "u", 2)
            .unlisted("x", "a1", 4);
    Conversation c = t.conversation(null);

    assertThat(c.children("u")).extracting(MessageNode::id).containsExactly("a1", "a2");
    assertThat(c.branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "u", "a1", "x"), List.of("r", "u", "a2"));
    assertThat(t.graph().issues("x")).isEmpty();
  }

  @Test
  void anEmptyChildrenListIsNotTheSameAsNoChildrenField() {
    Tree listedEmpty = new Tree().root("r").msg("a", "r", 1);
    Tree absent = new Tree().unlistedRoot("r").unlisted("a", "r", 1);

    assertThat(listedEmpty.graph().issues("a"))
        .extracting(Graph.Issue::kind)
        .containsExactly(Kind.CHILDREN_MISMATCH);
    assertThat(absent.graph().issues("a")).isEmpty();
  }

  @Test
  void aChildListedTwiceIsPlacedOnce() {
    Tree t = new Tree().root("p", "b", "a", "b").msg("a", "p", 1).msg("b", "p", 2);

    assertThat(t.conversation(null).children("p"))
        .extracting(MessageNode::id)
        .containsExactly("b", "a");
    assertThat(t.conversation(null).branches()).hasSize(2);
    assertThat(t.graph().issues("a")).isEmpty();
  }

  // ---------------------------------------------------------------- roots

  @Test
  void severalRootsAreOrderedByCreateTimeThenIdAndReported() {
    // As fixture several-roots: no-message roots first (by id), then roots with a time.
    Tree t = new Tree().root("9f").msg("0c", null, 5).root("1a");
    Conversation c = t.conversation(null);

    assertThat(c.branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("1a"), List.of("9f"), List.of("0c"));
    assertThat(t.graph().issues("0c"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo(Kind.MULTIPLE_ROOTS);
              assertThat(i.nodeId()).isNull();
              assertThat(i.field()).isEqualTo("mapping");
              assertThat(i.message()).contains("3 roots");
            });
  }

  @Test
  void aParentNotInTheMappingMakesARootAndIsReported() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1).msg("orphan", "gone", 0);
    Graph g = t.graph();

    assertThat(t.conversation("a").branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "a"), List.of("orphan"));
    assertThat(g.issues("a"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId, Graph.Issue::field)
        .containsExactly(
            tuple(Kind.PARENT_MISSING, "orphan", "parent"),
            tuple(Kind.MULTIPLE_ROOTS, null, "mapping"));
    assertThat(g.issues("a").get(0).message()).contains("gone");
  }

  @Test
  void aParentMissingOnTheOnlyRootIsNotAMultipleRoot() {
    Tree t = new Tree().msg("a", "client-created-root", 1, "b").msg("b", "a", 2);

    assertThat(ids(t.conversation("b").activeBranch())).containsExactly("a", "b");
    assertThat(t.graph().issues("b"))
        .extracting(Graph.Issue::kind)
        .containsExactly(Kind.PARENT_MISSING);
  }

  // ---------------------------------------------------------------- children anomalies

  @Test
  void aListedChildMissingFromTheMappingIsReportedOnceWithItsCount() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1, "gone-1", "b", "gone-2").msg("b", "a", 2);
    List<Graph.Issue> issues = t.graph().issues("b");

    assertThat(ids(t.conversation("b").activeBranch())).containsExactly("r", "a", "b");
    assertThat(issues)
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId, Graph.Issue::field)
        .containsExactly(tuple(Kind.CHILD_MISSING, "a", "children"));
    assertThat(issues.get(0).message()).startsWith("2 children");
  }

  @Test
  void aChildrenListThatDisagreesWithParentLinksIsReportedOncePerNodeAndParentLinksWin() {
    Tree t =
        new Tree()
            .root("r", "a", "b")
            .msg("a", "r", 1, "x", "y") // lists x (whose parent is b) and y (whose parent is a)
            .msg("b", "r", 2) // lists nothing although x's parent is b
            .msg("x", "b", 3)
            .msg("y", "a", 4);
    Conversation c = t.conversation("x");

    assertThat(c.children("a")).extracting(MessageNode::id).containsExactly("y");
    assertThat(c.children("b")).extracting(MessageNode::id).containsExactly("x");
    assertThat(ids(c.activeBranch())).containsExactly("r", "b", "x");
    assertThat(t.graph().issues("x"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId, Graph.Issue::field)
        .containsExactly(
            tuple(Kind.CHILDREN_MISMATCH, "a", "children"),
            tuple(Kind.CHILDREN_MISMATCH, "b", "children"));
  }

  @Test
  void aNodeThatOmitsOneOfItsChildrenIsAMismatch() {
    Tree t = new Tree().root("r", "a").msg("a", "r", 1).msg("b", "r", 2);

    assertThat(t.conversation("a").children("r"))
        .extracting(MessageNode::id)
        .containsExactly("a", "b");
    assertThat(t.graph().issues("a"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(tuple(Kind.CHILDREN_MISMATCH, "r"));
  }

  @Test
  void aDanglingAndAMismatchedChildOnOneNodeGiveOneWarningOfEachKind() {
    Tree t = new Tree().root("r", "a", "gone", "z").msg("a", "r", 1).msg("z", "a", 2);

    assertThat(t.graph().issues("z"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(
            tuple(Kind.CHILD_MISSING, "r"),
            tuple(Kind.CHILDREN_MISMATCH, "r"),
            tuple(Kind.CHILDREN_MISMATCH, "a"));
  }

  // ---------------------------------------------------------------- cycles

  @Test
  void aTwoNodeCycleIsCutAtTheEarlierNode() {
    Tree t =
        new Tree()
            .unlistedRoot("r")
            .unlisted("u", "r", 1)
            .unlisted("late", "early", 20)
            .unlisted("early", "late", 10);
    Graph g = t.graph();

    assertThat(t.conversation("u").branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "u"), List.of("early", "late"));
    assertThat(g.issues("u"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId, Graph.Issue::field)
        .containsExactly(
            tuple(Kind.CYCLE, "early", "parent"), tuple(Kind.MULTIPLE_ROOTS, null, "mapping"));
    assertThat(g.issues("u").get(0).message()).contains("cycle of 2 nodes");
  }

  @Test
  void aThreeNodeCycleIsCutAtTheEarliestNodeEvenIfItIsNeitherFirstNorSmallest() {
    // As fixture cycle: 2b… -> 4c… -> 8d… -> 2b…; 8d… is the earliest.
    Tree t =
        new Tree().unlisted("2b", "4c", 300).unlisted("4c", "8d", 200).unlisted("8d", "2b", 100);
    Graph g = t.graph();

    assertThat(t.conversation("2b").branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("8d", "4c", "2b"));
    assertThat(g.issues("2b"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(tuple(Kind.CYCLE, "8d"));
    assertThat(g.issues("2b").get(0).message()).contains("cycle of 3 nodes");
  }

  @Test
  void aCycleWhoseTimesTieIsCutAtTheSmallestId() {
    Tree t = new Tree().unlisted("c", "b", 7).unlisted("a", "c", 7).unlisted("b", "a", 7);

    assertThat(t.graph().issues("c")).extracting(Graph.Issue::nodeId).containsExactly("a");
    assertThat(ids(t.conversation("c").activeBranch())).containsExactly("a", "b", "c");
  }

  @Test
  void aCycleIsCutAtANodeWithoutMessageOrTimeFirst() {
    Tree t = new Tree().unlisted("a", "c", 1).none("c", "b").nullTime("b", "a");

    assertThat(cycleCuts(t.graph())).containsExactly("b");
    t = new Tree().unlisted("a", "c", 1).nullTime("c", "b").unlisted("b", "a", 0);
    assertThat(cycleCuts(t.graph())).containsExactly("c");
  }

  @Test
  void aSelfParentIsACycleOfOne() {
    Tree t = new Tree().unlistedRoot("r").unlisted("a", "r", 1).unlisted("self", "self", 2);
    Graph g = t.graph();

    assertThat(t.conversation("a").branches())
        .extracting(GraphTest::ids)
        .containsExactly(List.of("r", "a"), List.of("self"));
    assertThat(g.issues("a"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(tuple(Kind.CYCLE, "self"), tuple(Kind.MULTIPLE_ROOTS, null));
    assertThat(g.issues("a").get(0).message()).contains("cycle");
  }

  @Test
  void nodesHangingOffACycleStayUnderTheirParents() {
    // tail -> b; cycle a <-> b; the tail is not part of the cycle and is never cut.
    Tree t = new Tree().unlisted("tail", "b", 0).unlisted("a", "b", 5).unlisted("b", "a", 6);

    assertThat(t.graph().issues("tail"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(tuple(Kind.CYCLE, "a"));
    assertThat(ids(t.conversation("tail").activeBranch())).containsExactly("a", "b", "tail");
  }

  @Test
  void cyclesAreReportedInMappingOrderOfTheNodeWhereTheyAreCut() {
    // The walk from "s" meets the r/s cycle first, but its cut node "r" comes after "p" in the
    // mapping.
    Tree t =
        new Tree()
            .unlisted("s", "r", 2)
            .unlisted("p", "q", 1)
            .unlisted("q", "p", 2)
            .unlisted("r", "s", 1);

    assertThat(t.graph().issues("s"))
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
        .containsExactly(
            tuple(Kind.CYCLE, "p"), tuple(Kind.CYCLE, "r"), tuple(Kind.MULTIPLE_ROOTS, null));
  }

  @Test
  void childrenListsAreCheckedAgainstTheParentLinksAsWrittenNotAsCut() {
    // a <-> b, each listing the other: consistent as written, so only the cycle is reported.
    Tree t = new Tree().msg("a", "b", 1, "b").msg("b", "a", 2, "a");

    assertThat(t.graph().issues("b")).extracting(Graph.Issue::kind).containsExactly(Kind.CYCLE);
  }

  // ---------------------------------------------------------------- current node

  @Test
  void anAbsentOrNullCurrentNodeFallsBackToTheLatestLeafAndIsReported() {
    Tree t =
        new Tree()
            .root("r", "u")
            .msg("u", "r", 1, "a1", "a2", "a3")
            .msg("a1", "u", 3)
            .msg("a2", "u", 9) // latest
            .msg("a3", "u", 5);
    Graph g = t.graph();

    assertThat(ids(t.conversation(null).activeBranch())).containsExactly("r", "u", "a2");
    assertThat(g.issues(null))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo(Kind.CURRENT_NODE_MISSING);
              assertThat(i.nodeId()).isNull();
              assertThat(i.field()).isEqualTo("current_node");
            });
  }

  @Test
  void anUnknownCurrentNodeFallsBackToTheLatestLeafAndIsReported() {
    Tree t =
        new Tree().root("r", "u").msg("u", "r", 1, "a1", "a2").msg("a1", "u", 3).msg("a2", "u", 2);

    assertThat(ids(t.conversation("deleted").activeBranch())).containsExactly("r", "u", "a1");
    assertThat(t.graph().issues("deleted"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo(Kind.CURRENT_NODE_UNKNOWN);
              assertThat(i.nodeId()).isNull();
              assertThat(i.field()).isEqualTo("current_node");
            });
  }

  @Test
  void theLatestLeafTieGoesToTheGreaterId() {
    Tree t =
        new Tree()
            .root("r", "u")
            .msg("u", "r", 1, "b", "c", "a")
            .msg("b", "u", 7)
            .msg("c", "u", 7)
            .msg("a", "u", 7);

    assertThat(t.graph().branchTo(null).leaf()).map(MessageNode::id).contains("c");
  }

  @Test
  void theLatestLeafTreatsNoMessageAndNullTimeAsEarliest() {
    Tree t =
        new Tree()
            .root("r", "u")
            .msg("u", "r", 1, "timed", "z-none", "z-null")
            .msg("timed", "u", 2)
            .none("z-none", "u")
            .nullTime("z-null", "u");

    assertThat(t.graph().branchTo(null).leaf()).map(MessageNode::id).contains("timed");

    Tree untimed = new Tree().root("r", "b", "a").none("b", "r").nullTime("a", "r");
    assertThat(untimed.graph().branchTo(null).leaf()).map(MessageNode::id).contains("b");
  }

  @Test
  void theLatestLeafIgnoresInnerNodesEvenIfTheyAreNewer() {
    Tree t = new Tree().root("r", "new").msg("new", "r", 100, "old").msg("old", "new", 1);

    assertThat(t.graph().branchTo(null).leaf()).map(MessageNode::id).contains("old");
  }

  // ---------------------------------------------------------------- issues

  @Test
  void issuesComeInKindOrderThenMappingOrderWithCurrentNodeLast() {
    Tree t =
        new Tree()
            // MULTIPLE_ROOTS and CYCLE candidates written first, PARENT_MISSING last: order must
            // not follow the mapping
            .unlisted("cy2", "cy1", 2)
            .unlisted("cy1", "cy2", 1)
            .root("r", "a", "gone-a")
            .msg("a", "r", 1, "b")
            .msg("b", "zz", 2) // parent missing; so a lists a node whose parent is not a
            .msg("m1", "r", 3, "gone-m1")
            .msg("orphan", "missing-parent", 4);
    List<Graph.Issue> issues = t.graph().issues("unknown");

    assertThat(issues)
        .extracting(Graph.Issue::kind, Graph.Issue::nodeId, Graph.Issue::field)
        .containsExactly(
            tuple(Kind.PARENT_MISSING, "b", "parent"),
            tuple(Kind.PARENT_MISSING, "orphan", "parent"),
            tuple(Kind.CHILD_MISSING, "r", "children"),
            tuple(Kind.CHILD_MISSING, "m1", "children"),
            tuple(Kind.CHILDREN_MISMATCH, "r", "children"),
            tuple(Kind.CHILDREN_MISMATCH, "a", "children"),
            tuple(Kind.CYCLE, "cy1", "parent"),
            tuple(Kind.MULTIPLE_ROOTS, null, "mapping"),
            tuple(Kind.CURRENT_NODE_UNKNOWN, null, "current_node"));
    assertThat(issues).extracting(Graph.Issue::message).allSatisfy(m -> assertThat(m).isNotBlank());
  }

  @Test
  void issuesAreAFreshListEachTime() {
    Graph g = new Tree().root("r").graph();

    g.issues(null).clear();
    assertThat(g.issues(null)).hasSize(1);
    assertThat(g.issues("r")).isEmpty();
  }

  // ---------------------------------------------------------------- size

  @Test
  void aChainOfAHundredThousandNodesNeedsNoRecursion() {
    int n = 100_000;
    Tree t = new Tree();
    // Written leaf first, so that no walk can rely on mapping order.
    for (int i = n - 1; i >= 0; i--) {
      t.unlisted(id(i), i == 0 ? null : id(i - 1), i);
    }
    assertTimeout(
        Duration.ofSeconds(10),
        () -> {
          Conversation c = t.conversation(null);
          Branch active = c.activeBranch();
          assertThat(active.nodes()).hasSize(n);
          assertThat(active.nodes().get(0).id()).isEqualTo(id(0));
          assertThat(active.leaf()).map(MessageNode::id).contains(id(n - 1));
          assertThat(c.branches()).hasSize(1);
          assertThat(c.branches().get(0).nodes()).hasSize(n);
          assertThat(c.hasBranches()).isFalse();
          assertThat(Graph.of(c.nodes()).issues(id(n - 1))).isEmpty();
        });
  }

  @Test
  void aCycleOfAHundredThousandNodesIsCutWithoutRecursion() {
    int n = 100_000;
    Tree t = new Tree();
    for (int i = 0; i < n; i++) {
      t.unlisted(
          id(i),
          id((i + n - 1) % n),
          n - i); // each node's parent is the one before; id(n-1) is earliest
    }
    assertTimeout(
        Duration.ofSeconds(10),
        () -> {
          Graph g = t.graph();
          assertThat(g.issues(id(0)))
              .extracting(Graph.Issue::kind, Graph.Issue::nodeId)
              .containsExactly(tuple(Kind.CYCLE, id(n - 1)));
          assertThat(g.branchTo(null).nodes()).hasSize(n);
        });
  }

  @Test
  void aCombOfFiftyThousandLeavesGivesItsBranchesOnDemand() {
    int n = 50_000;
    Tree t = new Tree();
    String[] children = new String[n];
    for (int i = 0; i < n; i++) {
      children[i] = "m" + i;
    }
    t.root("r", children);
    for (int i = 0; i < n; i++) {
      t.msg("m" + i, "r", i, "l" + i);
      t.msg("l" + i, "m" + i, n + i);
    }
    Conversation c = t.conversation(null);

    assertTimeout(
        Duration.ofSeconds(5),
        () -> {
          List<Branch> branches = c.branches();
          assertThat(branches).hasSize(n);
          assertThat(ids(branches.get(49_999))).containsExactly("r", "m49999", "l49999");
          assertThat(ids(branches.get(0))).containsExactly("r", "m0", "l0");
          assertThat(branches.get(12_345).nodes()).hasSize(3);
          assertThat(ids(c.activeBranch())).containsExactly("r", "m49999", "l49999");
        });
  }

  @Test
  void branchesOfADeepCombAreNotBuiltUpFront() {
    // A spine of 20,000 nodes, each with a one-node tooth: 20,000 branches averaging 10,000 nodes.
    // Building them
    // all would hold some 200 million node references; asking for the list, its size and one branch
    // must not.
    int n = 20_000;
    Tree t = new Tree();
    for (int i = 0; i < n; i++) {
      String parent = i == 0 ? null : "s" + (i - 1);
      if (i < n - 1) {
        t.msg("s" + i, parent, 2L * i, "t" + i, "s" + (i + 1));
      } else {
        t.msg("s" + i, parent, 2L * i, "t" + i);
      }
      t.msg("t" + i, "s" + i, 2 * i + 1);
    }
    Conversation c = t.conversation(null);

    assertTimeout(
        Duration.ofSeconds(5),
        () -> {
          List<Branch> branches = c.branches();
          assertThat(branches).hasSize(n);
          assertThat(branches.get(0).nodeIds()).containsExactly("s0", "t0");
          Branch last = branches.get(n - 1);
          assertThat(last.nodes()).hasSize(n + 1);
          assertThat(last.leaf()).map(MessageNode::id).contains("t" + (n - 1));
          assertThat(branches.get(7).nodeIds())
              .containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t7");
        });
  }

  @Test
  void theBranchListIsUnmodifiable() {
    List<Branch> branches = new Tree().root("r").conversation(null).branches();

    assertThatThrownBy(() -> branches.add(branches.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> branches.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  // ---------------------------------------------------------------- helpers

  private static String id(int i) {
    return "n" + (1_000_000 + i);
  }

  private static List<@Nullable String> cycleCuts(Graph g) {
    return g.issues("-").stream()
        .filter(i -> i.kind() == Kind.CYCLE)
        .map(Graph.Issue::nodeId)
        .toList();
  }

  private static List<String> ids(Branch branch) {
    return branch.nodeIds();
  }

  private static Extras absentChildren() {
    return new Extras(Map.of(), Set.of("children"));
  }

  private static Message message(String id, @Nullable Instant time) {
    return Message.of(id, Author.of(Author.USER), Content.Text.of(id)).withCreateTime(time);
  }

  /** A mapping built node by node, in the order written. Times are whole seconds. */
  private static final class Tree {
    private final LinkedHashMap<String, MessageNode> nodes = new LinkedHashMap<>();

    /** A node without message or parent, with a {@code children} list. */
    Tree root(String id, String... children) {
      return put(new MessageNode(id, null, null, Arrays.asList(children), Extras.NONE));
    }

    /** A node without message or parent and without {@code children} field. */
    Tree unlistedRoot(String id) {
      return put(new MessageNode(id, null, null, List.of(), absentChildren()));
    }

    /** A node with a message created at {@code seconds} and a {@code children} list. */
    Tree msg(String id, @Nullable String parent, long seconds, String... children) {
      return put(
          new MessageNode(
              id,
              message(id, Instant.ofEpochSecond(seconds)),
              parent,
              Arrays.asList(children),
              Extras.NONE));
    }

    /** A node with a message created at {@code seconds}, without {@code children} field. */
    Tree unlisted(String id, @Nullable String parent, long seconds) {
      return put(
          new MessageNode(
              id,
              message(id, Instant.ofEpochSecond(seconds)),
              parent,
              List.of(),
              absentChildren()));
    }

    /** A node without message, with a {@code children} list. */
    Tree none(String id, String parent, String... children) {
      return put(new MessageNode(id, null, parent, Arrays.asList(children), Extras.NONE));
    }

    /** A node whose message has a null create_time, without {@code children} field. */
    Tree nullTime(String id, String parent) {
      return put(new MessageNode(id, message(id, null), parent, List.of(), absentChildren()));
    }

    Tree put(MessageNode node) {
      nodes.put(node.id(), node);
      return this;
    }

    Conversation conversation(@Nullable String currentNode) {
      return Conversation.of("conv", "title", new ArrayList<>(nodes.values()))
          .withCurrentNode(currentNode);
    }

    Graph graph() {
      return new Graph(nodes);
    }
  }
}
