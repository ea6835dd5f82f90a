import Testing
@testable import GraphRender

/// A small graph using every kind of statement the writer knows.
func sampleGraph() -> DOTGraph {
    var graph = DOTGraph(name: "loss graph")
    graph.attributes = ["rankdir": "BT", "fontname": "Helvetica"]
    graph.body.nodeDefaults = ["shape": "box", "style": "filled"]
    graph.body.edgeDefaults = ["arrowsize": "0.6"]
    graph.addNode("n0", ["label": .label("loss\n()"), "fillcolor": "#caff70"])
    graph.addNode("n1", ["label": .label("MseLossBackward0")])
    graph.addNode("n3", ["label": .label("target")])
    var cluster = DOTSubgraph.cluster("params", label: "model.parameters()")
    cluster.body.addNode("n2", ["label": .html(.table(DOTHTMLTable(
        attributes: ["BORDER": "0", "CELLBORDER": "1"],
        rows: [[.text("weight", attributes: ["PORT": "w"])], [.text("(3, 2)")]])))])
    graph.addSubgraph(cluster)
    graph.addRank(.same, ["n1", "n3"])
    graph.addEdge(from: "n1", to: "n0")
    graph.addEdge(from: "n2", to: "n1", fromPort: "w", ["color": "gray40"])
    return graph
}

@Test func writesSmallGraphExactly() {
    let expected = """
        digraph "loss graph" {
          graph [fontname="Helvetica", rankdir="BT"];
          node [shape="box", style="filled"];
          edge [arrowsize="0.6"];
          "n0" [fillcolor="#caff70", label="loss\\n()"];
          "n1" [label="MseLossBackward0"];
          "n3" [label="target"];
          subgraph "cluster_params" {
            graph [label="model.parameters()"];
            "n2" [label=<<TABLE BORDER="0" CELLBORDER="1"><TR><TD PORT="w">weight</TD></TR><TR><TD>(3, 2)</TD></TR></TABLE>>];
          }
          {
            rank="same";
            "n1";
            "n3";
          }
          "n1" -> "n0";
          "n2":"w" -> "n1" [color="gray40"];
        }

        """
    #expect(sampleGraph().dotText == expected)
}

@Test func outputDoesNotDependOnAttributeInsertionOrder() {
    var first = DOTGraph()
    var second = DOTGraph()
    let pairs: [(String, DOTValue)] = (0..<40).map { ("attr\($0)", .string("v\($0)")) }
    for (key, value) in pairs { first.body.nodeDefaults[key] = value }
    for (key, value) in pairs.reversed() { second.body.nodeDefaults[key] = value }
    #expect(first.dotText == second.dotText)
    #expect(first.dotText.contains("attr0=\"v0\", attr1=\"v1\", attr10=\"v10\""))
}

@Test func strictGraphsAndKeywordIdentifiers() {
    var graph = DOTGraph(name: "node", isStrict: true)
    graph.addNode("graph", ["edge": "x", "my-attr": "y", "_ok9": "z"])
    #expect(graph.dotText == """
        strict digraph "node" {
          "graph" [_ok9="z", "edge"="x", "my-attr"="y"];
        }

        """)
}

@Test func identifierAllocatorIsStableInFirstSeenOrder() {
    var allocator = DOTIdentifierAllocator<String>(prefix: "t")
    #expect(allocator.identifier(for: "b") == "t0")
    #expect(allocator.identifier(for: "a") == "t1")
    #expect(allocator.identifier(for: "b") == "t0")
    #expect(allocator.identifier(for: "c") == "t2")
}

@Test func nestedClustersAndAnonymousSubgraphs() {
    var inner = DOTSubgraph.cluster("inner")
    inner.body.addNode("x")
    var outer = DOTSubgraph.cluster("outer", body: DOTBody())
    outer.body.addSubgraph(inner)
    outer.body.addSubgraph(DOTSubgraph(name: "plain"))
    var graph = DOTGraph()
    graph.addSubgraph(outer)
    #expect(graph.dotText == """
        digraph "G" {
          subgraph "cluster_outer" {
            subgraph "cluster_inner" {
              "x";
            }
            subgraph "plain" {
            }
          }
        }

        """)
}
