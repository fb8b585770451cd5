// Which award needs which: an award whose criteria read `eligible('b')`, or `awarded('b')` in
// the evaluation year, must be decided after `b`. Built on Boost.Graph, hidden behind this
// class. A cycle cannot be ordered; it is reported once, naming every award in it.
//
//   AwardGraph g;
//   g.add_award("a"); g.add_award("b");
//   g.add_dependency("a", "b");          // a reads b
//   g.cycles();                          // {} — no cycle
//   g.order();                           // {"b", "a"}
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace commend {

class AwardGraph {
  public:
    /// Adds an award (once; later calls with the same id are ignored). Order of first addition
    /// breaks ties in `order()`, so evaluation follows file order where it can.
    void add_award(const std::string& id);
    /// `award` reads the result of `needs` in the evaluation year.
    void add_dependency(const std::string& award, const std::string& needs);

    /// Every cycle (strongly connected group of two or more awards, or an award needing
    /// itself), each listed in order of addition.
    std::vector<std::vector<std::string>> cycles() const;
    /// The awards with every dependency before its dependents; only valid without cycles.
    std::vector<std::string> order() const;

    void write_graphviz(std::ostream& out) const;

  private:
    std::vector<std::string> ids_;
    std::vector<std::pair<std::size_t, std::size_t>> edges_; // (needs, award)
    std::size_t index_of(const std::string& id);
};

} // namespace commend
