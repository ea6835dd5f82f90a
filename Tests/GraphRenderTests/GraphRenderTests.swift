import Testing
@testable import GraphRender
